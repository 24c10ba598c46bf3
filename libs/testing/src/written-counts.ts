import type { TestApp } from './test-app';

/** Rows in `venta` and operations logged: equal before and after a refused request proves it wrote nothing. */
export async function writtenCounts(t: TestApp): Promise<{ rows: number; ops: number }> {
  const [row] = await t.prisma.$queryRaw<
    { rows: number; ops: number }[]
  >`SELECT (SELECT count(*) FROM venta)::int AS rows, (SELECT count(*) FROM sync_operations)::int AS ops`;
  return row;
}

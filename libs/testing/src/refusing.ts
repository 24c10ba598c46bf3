import type { PrismaService } from '@app/database';

/** The JSON column the stand-in constraint looks into, per table it can be put on. */
const JSON_COLUMN = { venta: 'data', devolucion: 'data', sync_operations: 'payload' } as const;

/**
 * Makes `table` refuse any new row whose JSON column holds a `poison` field: a CHECK constraint
 * named `refuses_poison` (NOT VALID, so the rows already there stay). Nothing a client can send is
 * refused by the database (the app refuses it first), so this stands in for the unforeseen
 * per-record refusal. Returns what takes the constraint away again.
 */
export async function refusePoison(
  prisma: PrismaService,
  table: keyof typeof JSON_COLUMN,
): Promise<() => Promise<void>> {
  await prisma.$executeRawUnsafe(
    `ALTER TABLE ${table} ADD CONSTRAINT refuses_poison CHECK (${JSON_COLUMN[table]}->>'poison' IS NULL) NOT VALID`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`ALTER TABLE ${table} DROP CONSTRAINT refuses_poison`);
  };
}

/** Runs `work` while `table` refuses poison (refusePoison), and takes the constraint away whatever happens. */
export async function whileRefusingPoison<T>(
  prisma: PrismaService,
  table: keyof typeof JSON_COLUMN,
  work: () => Promise<T>,
): Promise<T> {
  const undo = await refusePoison(prisma, table);
  try {
    return await work();
  } finally {
    await undo();
  }
}

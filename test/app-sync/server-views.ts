import { TestApp } from '@app/testing';

/** The server's live records of a client in `table`, as `{ id: { ver, ...data } }`. */
export async function serverState(
  t: TestApp,
  clientId: string,
  table = 'venta',
): Promise<Record<string, Record<string, unknown>>> {
  const rows = await t.prisma.$queryRawUnsafe<{ id: string; ver: number; data: Record<string, unknown> }[]>(
    `SELECT _hash_id AS id, _ver AS ver, data FROM "${table}" WHERE _client_id = $1 AND NOT _deleted`,
    clientId,
  );
  return Object.fromEntries(rows.sort((x, y) => (x.id < y.id ? -1 : 1)).map((r) => [r.id, { ver: r.ver, ...r.data }]));
}

export interface LoggedOperation {
  operation: string;
  batch_version: number;
  status: string;
  device_id: string | null;
  error: string | null;
  note: string | null;
}

/** A record's operation log, oldest first. */
export function operationsOf(
  t: TestApp,
  clientId: string,
  recordId: string,
  table = 'venta',
): Promise<LoggedOperation[]> {
  return t.prisma.$queryRawUnsafe<LoggedOperation[]>(
    `SELECT operation::text, batch_version, status::text, device_id, error, note FROM sync_operations
     WHERE client_id = $1 AND table_name = $2 AND record_id = $3 ORDER BY id`,
    clientId,
    table,
    recordId,
  );
}

/** POST /records for these records (in pages of 1,000), as the key MTY. */
export async function statusesOf(
  t: TestApp,
  records: { id: string; ver?: number }[],
  table = 'venta',
): Promise<{ id: string; status: string }[]> {
  const out: { id: string; status: string }[] = [];
  for (let k = 0; k < records.length; k += 1000) {
    const res = await t
      .as('MTY')
      .post(`/tables/${table}/records`)
      .send({ records: records.slice(k, k + 1000).map((r) => ({ hash_id: r.id, ver: r.ver })) })
      .expect(200);
    out.push(...(res.body.results as { id: string; status: string }[]));
  }
  return out;
}

/** Runs `probe` until it answers something (or `ms` pass, then fails with its last answer). */
export async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error('did not converge in time');
    await new Promise((done) => setTimeout(done, 100));
  }
}

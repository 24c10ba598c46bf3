// No @app imports: the bench's oplog-bytes script runs this file too (scripts/register-ts.js).

/** A connection inside a transaction the caller opened (node-pg's client, PgTx). */
export interface Queryable {
  query<R = Record<string, unknown>>(statement: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Rewrites a closed partition of the operation log packed full (docs/operation-log.md, "A smaller
 * row"): the current period's partition keeps half its pages free (fillfactor 50) so that a worker's
 * QUEUED -> COMPLETED update stays HOT, but once a period is over its rows never change again, and
 * that room, and the indexes' half-empty pages from inserts in random key order, are waste.
 *
 * In the caller's transaction: the partition is locked SHARE (writes wait, reads go on; none is
 * expected) and refused if it holds a QUEUED or PROCESSING operation; its rows are copied in id order
 * into a new table at fillfactor 100 with the log's indexes built on it (packed) and a CHECK
 * constraint of its bound (so attaching scans nothing); then, under lock_timeout (the log's
 * exclusive lock, for milliseconds), the old partition is detached and dropped and the new one
 * attached and renamed. Triggers come from the log on attaching. Generic over the log's columns.
 */
export async function compactPartition(tx: Queryable, name: string): Promise<'compacted' | 'busy'> {
  if (!/^sync_operations_p\d+$/.test(name)) throw new Error(`not an operation log partition: ${name}`);
  const fresh = `${name}_compact`;
  await tx.query(`LOCK TABLE "${name}" IN SHARE MODE`);
  const { rows: busy } = await tx.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "${name}" WHERE status IN ('QUEUED', 'PROCESSING')) AS busy`,
  );
  if (busy[0].busy) return 'busy';
  const { rows: bound } = await tx.query<{ bound: string; low: string | null; high: string }>(
    `SELECT pg_get_expr(c.relpartbound, c.oid) AS bound, p.first_id::text AS low, p.end_id::text AS high
     FROM pg_class c JOIN sync_operation_partitions p ON p.name = c.relname WHERE c.relname = $1`,
    [name],
  );
  const { rows: columns } = await tx.query<{ list: string }>(
    `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS list FROM pg_attribute
     WHERE attrelid = 'sync_operations'::regclass AND attnum > 0 AND NOT attisdropped`,
  );
  const lower = bound[0].bound.includes('MINVALUE') ? '' : `id >= ${BigInt(bound[0].low!)} AND `;
  await tx.query(
    `CREATE TABLE "${fresh}" (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE
       INCLUDING COMPRESSION INCLUDING GENERATED, CONSTRAINT "${fresh}_bound" CHECK (${lower}id < ${BigInt(bound[0].high)}))
     WITH (fillfactor = 100)`,
  );
  await tx.query(`INSERT INTO "${fresh}" (${columns[0].list}) SELECT ${columns[0].list} FROM "${name}" ORDER BY id`);
  // The log's indexes and key constraints, built on the new table now (attaching then builds nothing).
  const { rows: constraints } = await tx.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'sync_operations'::regclass AND contype IN ('p', 'u', 'x')`,
  );
  for (const c of constraints) await tx.query(`ALTER TABLE "${fresh}" ADD ${c.def}`);
  const { rows: indexes } = await tx.query<{ def: string }>(
    `SELECT pg_get_indexdef(x.indexrelid) AS def FROM pg_index x
     WHERE x.indrelid = 'sync_operations'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const i of indexes)
    await tx.query(i.def.replace(/ INDEX \S+ ON (ONLY )?(\S+\.)?sync_operations /, ` INDEX ON "${fresh}" `));
  await tx.query(`ANALYZE "${fresh}"`);
  await tx.query(`SET LOCAL lock_timeout = '500ms'`);
  await tx.query(`ALTER TABLE sync_operations DETACH PARTITION "${name}"`);
  await tx.query(`DROP TABLE "${name}"`);
  await tx.query(`ALTER TABLE sync_operations ATTACH PARTITION "${fresh}" ${bound[0].bound}`);
  await tx.query(`ALTER TABLE "${fresh}" RENAME TO "${name}"`);
  await tx.query(`UPDATE sync_operation_partitions SET compacted_at = now() WHERE name = $1`, [name]);
  return 'compacted';
}

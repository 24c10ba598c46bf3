import { Client } from 'pg';
import { TableInfo } from './catalog';
import type { DistributeLog } from './distribute';

/**
 * On Citus a trigger runs on the shard, and one that queries another distributed table fails
 * ("cannot execute a distributed query from a query on a shard"). The triggers that keep
 * sync_operations_processing (operations written PROCESSING, which resync itself never commits:
 * only older writers did) are such triggers. On Citus the state is retired instead: operations
 * left PROCESSING become ERROR, as the stale sweep would make them, and a CHECK constraint refuses
 * new ones, so the list stays empty and the sweep and gauges that read it find nothing.
 */
export async function retireProcessing(client: Client, log: DistributeLog): Promise<void> {
  const { rows } = await client.query<{ tgname: string }>(
    `SELECT tgname FROM pg_trigger WHERE tgrelid = 'sync_operations'::regclass AND NOT tgisinternal
       AND tgfoid = 'sync_operations_track_processing'::regproc`,
  );
  for (const { tgname } of rows) await client.query(`DROP TRIGGER "${tgname}" ON sync_operations`);
  const exists = await client.query(
    `SELECT 1 FROM pg_constraint WHERE conrelid = 'sync_operations'::regclass AND conname = 'sync_operations_not_processing'`,
  );
  if (exists.rowCount === 0) {
    const swept = await client.query(
      `UPDATE sync_operations SET status = 'ERROR', error = 'Interrupted: PROCESSING when the database was distributed', updated_at = statement_timestamp()
       WHERE status = 'PROCESSING'`,
    );
    await client.query(`DELETE FROM sync_operations_processing`);
    await client.query(
      `ALTER TABLE sync_operations ADD CONSTRAINT sync_operations_not_processing CHECK (status <> 'PROCESSING')`,
    );
    log(`sync_operations: PROCESSING retired (${swept.rowCount} operation(s) became ERROR)`);
  }
}

/**
 * The change feed orders rows by `_xid`, the writing transaction, compared with the snapshot of a
 * pull that runs on the worker holding the client's shard. A statement's `pg_current_xact_id()` is
 * evaluated on the coordinator (another xid counter), and refused in ON CONFLICT DO UPDATE: on Citus
 * a BEFORE row trigger stamps it on the worker, for inserts and updates alike.
 */
export async function stampXidByTrigger(client: Client, tables: TableInfo[], log: DistributeLog): Promise<void> {
  await client.query(`CREATE OR REPLACE FUNCTION resync_stamp_xid() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW._xid := pg_current_xact_id();
      RETURN NEW;
    END $$`);
  for (const table of tables.filter((t) => t.hasXid)) {
    const trigger = `${table.name}_stamp_xid`;
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2 AND NOT tgisinternal`,
      [`"${table.name}"`, trigger],
    );
    if (rowCount) continue;
    await client.query(
      `CREATE TRIGGER "${trigger}" BEFORE INSERT OR UPDATE ON "${table.name}" FOR EACH ROW EXECUTE FUNCTION resync_stamp_xid()`,
    );
    log(`${table.name}: _xid stamped by trigger`);
  }
}

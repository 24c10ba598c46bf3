import { applyMigrationsBefore, useDatabaseClient } from '@app/testing';
import { applyMigrations } from './migrator';

const ENTRIES_MIGRATION = '20261125100000_async_queue_entries';

/**
 * A database upgraded with operations waiting: those QUEUED join the new queue (entries of at most
 * 1,000 per client and table, in id order) and those PROCESSING the list the stale sweep reads.
 */
describe(`migration ${ENTRIES_MIGRATION}`, () => {
  const db = useDatabaseClient({ empty: true });

  it('queues the operations already QUEUED and lists those PROCESSING', async () => {
    await applyMigrationsBefore(db.url, ENTRIES_MIGRATION);
    await db.client.query(`
      INSERT INTO sync_operations (table_name, record_id, client_id, operation, status)
      SELECT 'venta', 'a-' || n, 'MTY_001', 'CREATE', 'QUEUED' FROM generate_series(1, 1500) n;
      INSERT INTO sync_operations (table_name, record_id, client_id, operation, status) VALUES
        ('devolucion', 'b-1', 'MTY_001', 'CREATE', 'QUEUED'),
        ('venta', 'c-1', 'DEV_001', 'UPDATE', 'QUEUED'),
        ('venta', 'd-1', 'MTY_001', 'CREATE', 'COMPLETED'),
        ('venta', 'e-1', 'MTY_001', 'CREATE', 'PROCESSING')`);

    await applyMigrations(db.url);

    const { rows: entries } = await db.client.query(
      `SELECT client_id, table_name, size, operation_id = operation_ids[1] AS keyed_by_first,
              operation_ids = (SELECT array_agg(x ORDER BY x) FROM unnest(operation_ids) x) AS ascending
       FROM sync_queue ORDER BY client_id, table_name, operation_id`,
    );
    expect(entries).toEqual([
      { client_id: 'DEV_001', table_name: 'venta', size: 1, keyed_by_first: true, ascending: true },
      { client_id: 'MTY_001', table_name: 'devolucion', size: 1, keyed_by_first: true, ascending: true },
      { client_id: 'MTY_001', table_name: 'venta', size: 1000, keyed_by_first: true, ascending: true },
      { client_id: 'MTY_001', table_name: 'venta', size: 500, keyed_by_first: true, ascending: true },
    ]);
    const { rows: covered } = await db.client.query(
      `SELECT count(*)::int AS n FROM sync_operations s
       WHERE s.status = 'QUEUED' AND EXISTS (SELECT 1 FROM sync_queue q WHERE s.id = ANY(q.operation_ids))`,
    );
    expect(covered[0].n).toBe(1502);
    const { rows: processing } = await db.client.query(
      `SELECT s.record_id FROM sync_operations_processing p JOIN sync_operations s ON s.id = p.operation_id`,
    );
    expect(processing).toEqual([{ record_id: 'e-1' }]);
  });
});

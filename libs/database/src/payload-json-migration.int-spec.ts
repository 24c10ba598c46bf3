import { applyMigrationsBefore, useDatabaseClient } from '@app/testing';
import { applyMigrations } from './migrator';

const PAYLOAD_JSON_MIGRATION = '20261205000000_operation_payload_json';

/** A database upgraded with a log: every payload is kept (as json), and the table keeps its half-empty pages and triggers. */
describe(`migration ${PAYLOAD_JSON_MIGRATION}`, () => {
  const db = useDatabaseClient({ empty: true });

  it('keeps every payload, as json, and the fillfactor and triggers the HOT completion relies on', async () => {
    await applyMigrationsBefore(db.url, PAYLOAD_JSON_MIGRATION);
    const payloads = [
      { total: 125.5, customer: 'Juan Pérez ☕ 𝄞', items: [{ sku: 'A-100', qty: 2 }], paid: true, note: null },
      {},
      null,
    ];
    for (const [k, payload] of payloads.entries())
      await db.client.query(
        `INSERT INTO sync_operations (table_name, record_id, client_id, operation, status, payload)
         VALUES ('venta', $1, 'MTY_001', 'CREATE', 'QUEUED', $2::jsonb)`,
        [`p-${k}`, payload === null ? null : JSON.stringify(payload)],
      );

    await applyMigrations(db.url);

    const { rows } = await db.client.query<{ payload: unknown; type: string | null }>(
      `SELECT payload, pg_typeof(payload)::text AS type FROM sync_operations ORDER BY record_id`,
    );
    expect(rows.map((r) => r.payload)).toEqual(payloads);
    expect(rows.map((r) => r.type)).toEqual(['json', 'json', 'json']);
    // The log is partitioned since 20261207040000_operation_log_partitions: these rows' partition
    // keeps the storage, the parent the triggers (cloned to every partition).
    const { rows: table } = await db.client.query<{ options: string[]; triggers: number }>(
      `SELECT (SELECT p.reloptions FROM pg_class p WHERE p.oid = o.tableoid) AS options,
              (SELECT count(*)::int FROM pg_trigger t WHERE t.tgrelid = 'sync_operations'::regclass AND NOT t.tgisinternal) AS triggers
       FROM sync_operations o LIMIT 1`,
    );
    expect(table).toEqual([{ options: ['fillfactor=50'], triggers: 3 }]);
  });
});

import { applyMigrations } from '@app/database';
import { applyMigrationsBefore, createTestApp, createTestDatabase, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { ApiModule } from '../../apps/api/src/api.module';

const PARTITIONS_MIGRATION = '20261207040000_operation_log_partitions';

/**
 * A database of today's main, filled through the API (synchronous writes, a batch, operations
 * accepted asynchronously and still QUEUED, a DELETE), upgraded to the partitioned log: every row
 * is kept as it was, in the first partition with its storage, and every write path keeps working.
 */
describe(`migration ${PARTITIONS_MIGRATION}`, () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const allOperations = async () =>
    (await client.query(`SELECT to_jsonb(o) AS row FROM sync_operations o ORDER BY id`)).rows.map((r) => r.row);

  it('converts an existing log in place without losing a row, and every write path keeps working', async () => {
    await applyMigrationsBefore(db.url, PARTITIONS_MIGRATION);
    const before = await createTestApp({ module: (config) => ApiModule.register(config), database: db });
    const mty = before.as('MTY');
    await mty.post('/items').send({ id: 'm-1', total: 1, id_cola: 'job-1' }).expect(200);
    await mty.put('/items/m-1').send({ ver: 2, total: 2 }).expect(200);
    await mty.delete('/items/m-1?ver=3').expect(200);
    await mty
      .post('/tables/venta/batch')
      .send({
        operations: Array.from({ length: 50 }, (_, k) => ({ operation: 'CREATE', record: { id: `b-${k}`, k } })),
      })
      .expect(200);
    await mty
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'q-1', total: 3 } }] })
      .expect(202);
    await client.query(`UPDATE sync_operations SET status = 'PROCESSING' WHERE record_id = 'b-0'`);
    await before.close();
    const rows = await allOperations();
    expect(rows).toHaveLength(54);

    await applyMigrations(db.url);

    expect(await allOperations()).toEqual(rows);
    const { rows: shape } = await client.query(
      `SELECT c.relkind::text AS kind,
              (SELECT array_agg(p.relid::regclass::text) FROM pg_partition_tree('sync_operations') p WHERE p.isleaf) AS partitions,
              (SELECT reloptions FROM pg_class WHERE relname = 'sync_operations_p0') AS first_options,
              (SELECT array_agg(i.relname::text ORDER BY i.relname) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = c.oid) AS indexes,
              (SELECT count(*)::int FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) AS triggers,
              pg_get_serial_sequence('sync_operations', 'id') AS sequence
       FROM pg_class c WHERE c.relname = 'sync_operations'`,
    );
    expect(shape).toEqual([
      {
        kind: 'p',
        partitions: ['sync_operations_p0'],
        first_options: ['fillfactor=50'],
        indexes: ['sync_operations_lookup_idx', 'sync_operations_pkey'],
        triggers: 3,
        sequence: 'public.sync_operations_id_seq',
      },
    ]);
    // The processing list is still kept by the triggers, now the parent's.
    await client.query(`UPDATE sync_operations SET status = 'COMPLETED' WHERE record_id = 'b-0'`);
    expect((await client.query(`SELECT count(*)::int AS n FROM sync_operations_processing`)).rows[0].n).toBe(0);

    const after = await createTestApp({ module: (config) => ApiModule.register(config), database: db });
    try {
      await after.as('MTY').post('/items').send({ id: 'n-1', total: 1 }).expect(200);
      const status = await after.as('MTY').post('/records').send({ hash_id: 'b-1' }).expect(200);
      expect(status.body.status).toBe('COMPLETED');
      const { rows: ids } = await client.query(
        `SELECT (SELECT max(id) FROM sync_operations WHERE record_id = 'n-1') > (SELECT max(id) FROM sync_operations WHERE record_id <> 'n-1') AS ascending`,
      );
      expect(ids[0].ascending).toBe(true);
    } finally {
      await after.close();
    }
  });
});

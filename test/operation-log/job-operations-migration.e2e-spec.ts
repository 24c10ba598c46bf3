import { applyMigrations } from '@app/database';
import { applyMigrationsBefore, createTestApp, createTestDatabase, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { ApiModule } from '../../apps/api/src/api.module';

const JOB_MIGRATION = '20261208011000_job_operations_partitions';
const SECOND = 1n << 40n;

/**
 * A database of today's main, filled through the API (jobs of synchronous writes, of a batch, of
 * asynchronous acceptance still QUEUED; one job whose operations span two partitions of the log;
 * one whose partition retention already dropped), upgraded to job operations partitioned with the
 * log: every row kept, in the partition of its newest operation, the retired one as its job's
 * head; job progress answers as before, and new job rows go to the current partition.
 */
describe(`migration ${JOB_MIGRATION}`, () => {
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

  /** The next period's partition of the log, as the partitions job made it on today's main, and the sequence moved to it. */
  const startSecondPeriod = async () => {
    await client.query(
      `CREATE TABLE sync_operations_p20270101 (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await client.query(
      `ALTER TABLE sync_operations ATTACH PARTITION sync_operations_p20270101 FOR VALUES FROM (${SECOND}) TO (${SECOND * 2n})`,
    );
    await client.query(
      `INSERT INTO sync_operation_partitions (name, first_id, end_id, starts_at) VALUES ('sync_operations_p20270101', $1, $2, now())`,
      [SECOND.toString(), (SECOND * 2n).toString()],
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('sync_operations', 'id'), $1::bigint, false)`, [
      SECOND.toString(),
    ]);
  };
  const jobRows = async (table: string, extra = '') =>
    (
      await client.query(
        `SELECT client_id, queue_id, operation_ids::text[] AS ids, created_at${extra} FROM ${table} ORDER BY operation_ids[1]`,
      )
    ).rows;

  it('converts job operations in place without losing a row; job progress answers as before', async () => {
    await applyMigrationsBefore(db.url, JOB_MIGRATION);
    const before = await createTestApp({ module: (config) => ApiModule.register(config), database: db });
    const mty = before.as('MTY');
    const batch = (ids: string[], job: string) => ({
      operations: ids.map((id) => ({ operation: 'CREATE', record: { id, id_cola: job, total: 1 } })),
    });
    // First period: a job of its own (retired below) and the first half of a job spanning both.
    await mty.post('/items').send({ id: 'old-1', total: 1, id_cola: 'job-old' }).expect(200);
    await mty
      .post('/tables/venta/batch')
      .send(batch(['span-1', 'span-2'], 'job-span'))
      .expect(200);
    await startSecondPeriod();
    await mty.post('/items').send({ id: 'span-3', total: 1, id_cola: 'job-span' }).expect(200);
    await mty
      .post('/tables/venta/batch')
      .send(batch(['new-1', 'new-2', 'new-3'], 'job-new'))
      .expect(200);
    const queued = await mty
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send(batch(['q-1', 'q-2'], 'job-async'))
      .expect(202);
    expect(queued.body.id_cola).toBe('job-async');
    const rows = await jobRows('sync_job_operations');
    expect(rows.map((r) => r.queue_id)).toEqual(['job-old', 'job-span', 'job-span', 'job-new', 'job-async']);

    // Retention on today's main retired the first period (a log partition dropped; its job rows stayed).
    await client.query(`DROP TABLE sync_operations_p0`);
    await client.query(`UPDATE sync_operation_partitions SET retired_at = now() WHERE name = 'sync_operations_p0'`);
    const progress = async (app: typeof before, job: string) =>
      (await app.as('MTY').get(`/jobs/${job}`).expect(200)).body;
    const jobs = ['job-old', 'job-span', 'job-new', 'job-async'];
    const answers = await Promise.all(jobs.map((job) => progress(before, job)));
    expect(answers[1]).toMatchObject({ total: 3, completed: 1, archived: 2 });
    await before.close();

    await applyMigrations(db.url);

    // Each row kept, keyed by its newest operation's id, in that operation's partition; the retired one a head.
    const partitioned = await jobRows('sync_job_operations', `, id::text, tableoid::regclass::text AS partition`);
    expect(partitioned).toEqual(
      rows.slice(2).map((r) => ({ ...r, id: r.ids[r.ids.length - 1], partition: 'sync_job_operations_p20270101' })),
    );
    const { rows: heads } = await client.query(
      `SELECT client_id, queue_id, archived, accepted_at, last_change_at FROM sync_job_heads ORDER BY queue_id`,
    );
    const head = (r: (typeof rows)[number], archived: number) => ({
      client_id: 'MTY_001',
      queue_id: r.queue_id,
      archived,
      accepted_at: r.created_at,
      last_change_at: r.created_at,
    });
    expect(heads).toEqual([head(rows[0], 1), head(rows[1], 2)]);
    const { rows: shape } = await client.query(
      `SELECT c.relkind::text AS kind,
              (SELECT array_agg(p.relid::regclass::text) FROM pg_partition_tree('sync_job_operations') p WHERE p.isleaf) AS partitions,
              (SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'sync_job_operations_p20270101') AS bound,
              to_regclass('sync_job_operations_old') IS NULL AND to_regclass('sync_job_operations_id_seq') IS NULL AS old_gone
       FROM pg_class c WHERE c.relname = 'sync_job_operations'`,
    );
    expect(shape).toEqual([
      {
        kind: 'p',
        partitions: ['sync_job_operations_p20270101'],
        bound: `FOR VALUES FROM (MINVALUE) TO ('${SECOND * 2n}')`,
        old_gone: true,
      },
    ]);

    const after = await createTestApp({ module: (config) => ApiModule.register(config), database: db });
    try {
      // The same answers; job-span's first acceptance now known from its head (before, only from its operations left).
      const now = await Promise.all(jobs.map((job) => progress(after, job)));
      expect(now).toEqual(
        answers.map((a, k) => (k === 1 ? { ...a, accepted_at: rows[1].created_at.toISOString() } : a)),
      );
      await after.as('MTY').post('/items').send({ id: 'late-1', total: 1, id_cola: 'job-late' }).expect(200);
      const { rows: late } = await client.query(
        `SELECT tableoid::regclass::text AS partition FROM sync_job_operations WHERE queue_id = 'job-late'`,
      );
      expect(late).toEqual([{ partition: 'sync_job_operations_p20270101' }]);
      const [{ above }] = (
        await client.query(
          `SELECT j.id > (SELECT max(i) FROM unnest(j.operation_ids) i) AS above FROM sync_job_operations j WHERE queue_id = 'job-late'`,
        )
      ).rows;
      expect(above).toBe(true);
    } finally {
      await after.close();
    }
  });
});

import { DatabaseGaugesJob, Metrics } from '@app/metrics';
import { Jobs } from '@app/scheduling';
import { OutboxDispatcher, SyncRetryService } from '@app/sync-failures';
import { createTestApp, TestApp } from '@app/testing';
import { Client } from 'pg';
import { ApiModule } from '../../apps/api/src/api.module';
import { FakeExternalSystem } from '../sync-failures/fake-external-system';
import { insertFailure } from '../sync-failures/sync-test-kit';
import { sample } from './metrics-text';

describe('database gauges (refreshed by a job, one instance per tick)', () => {
  let t: TestApp;
  let fake: FakeExternalSystem;
  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { EXTERNAL_SYNC_URL: fake.url } });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  const text = () => t.get<Metrics>(Metrics).text();
  const refresh = () => t.get<Jobs>(Jobs).runOnce(t.get<DatabaseGaugesJob>(DatabaseGaugesJob).job);

  it('exports outbox depth and age, failures by state, missing operations, and drops them while another instance holds the lock', async () => {
    fake.respondAlways({ status: 500 });
    await t.as('MTY').post('/items').send({ id: 'g-1' }).expect(200);
    await t.as('MTY').post('/items').send({ id: 'g-2' }).expect(200);
    await t.as('MTY').post('/items').send({ id: 'g-3' }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id IN ('g-2', 'g-3')`;
    await insertFailure(t, { createdAt: new Date(Date.now() - 3_600_000), nextRetryAt: new Date(Date.now() - 60_000) });
    await insertFailure(t, { createdAt: new Date(), nextRetryAt: new Date(Date.now() + 600_000) });
    await insertFailure(t, { createdAt: new Date(), nextRetryAt: null, retryCount: 3 });

    expect(await refresh()).toEqual({ ran: true, result: undefined });
    const after = await text();

    expect(sample(after, 'resync_outbox_depth')).toBe(3);
    expect(sample(after, 'resync_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect({
      due: sample(after, 'resync_sync_failures', { state: 'due' }),
      waiting: sample(after, 'resync_sync_failures', { state: 'waiting' }),
      critical: sample(after, 'resync_sync_failures', { state: 'critical' }),
    }).toEqual({ due: 1, waiting: 1, critical: 1 });
    expect(sample(after, 'resync_missing_operations', { table: 'venta' })).toBe(2);
    expect(sample(after, 'resync_missing_operations', { table: 'devolucion' })).toBe(0);
    expect(sample(after, 'resync_lost_rows', { table: 'venta' })).toBe(0);
    expect(sample(after, 'resync_operations_in_flight', { status: 'QUEUED' })).toBe(0);
    expect(sample(after, 'resync_sync_failures_last_hour')).toBe(2);
    expect(sample(after, 'resync_sync_entity_failures_max_24h')).toBe(4);
    expect(sample(after, 'resync_sync_failures_avg_retries_24h')).toBe(1);

    const other = new Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [t.get<DatabaseGaugesJob>(DatabaseGaugesJob).job.lock]);
      expect(await refresh()).toEqual({ ran: false });
      expect(sample(await text(), 'resync_outbox_depth')).toBeUndefined();
      expect(sample(await text(), 'resync_missing_operations', { table: 'venta' })).toBeUndefined();
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await refresh()).toEqual({ ran: true, result: undefined });
    expect(sample(await text(), 'resync_outbox_depth')).toBe(3);
  });

  it('calls stuck only interrupted PROCESSING work and a queue no worker takes from, not a long queue being drained', async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    // A QUEUED operation is in the queue too (sync_queue), as accepting puts it there.
    const log = (id: string, status: string, createdAt: Date, updatedAt: Date) =>
      t.prisma.$executeRaw`WITH op AS (
          INSERT INTO sync_operations (table_name, record_id, client_id, operation, status, created_at, updated_at)
          VALUES ('venta', ${id}, 'MTY_001', 'CREATE', ${status}::"OperationStatus", ${createdAt}, ${updatedAt})
          RETURNING id, status, created_at)
        INSERT INTO sync_queue (operation_id, client_id, table_name, operation_ids, size, created_at)
        SELECT id, 'MTY_001', 'venta', ARRAY[id], 1, created_at FROM op WHERE status = 'QUEUED'`;
    const gauges = async () => {
      await refresh();
      const m = await text();
      return {
        processing: sample(m, 'resync_operations_stuck_processing'),
        stalled: sample(m, 'resync_operations_queue_stalled'),
      };
    };
    // STALE_OPERATION_TIMEOUT is 5 minutes: a worker applied the queue's former head a minute ago
    // (written twice: updated after created); behind it two operations queued 10 minutes ago, one just now.
    await log('q-applied', 'COMPLETED', minutesAgo(12), minutesAgo(1));
    await log('q-old-1', 'QUEUED', minutesAgo(10), minutesAgo(10));
    await log('q-old-2', 'QUEUED', minutesAgo(10), minutesAgo(10));
    await log('q-new', 'QUEUED', new Date(), new Date());
    await log('p-old', 'PROCESSING', minutesAgo(10), minutesAgo(10));
    await log('p-new', 'PROCESSING', minutesAgo(1), minutesAgo(1));
    expect(await gauges()).toEqual({ processing: 1, stalled: 0 });

    // Synchronous writes (inserted COMPLETED once) are no sign of a worker: the queue has stalled.
    await t.prisma.$executeRaw`UPDATE sync_operations SET updated_at = created_at WHERE record_id = 'q-applied'`;
    await t.as('MTY').post('/items').send({ id: 'sync-write' }).expect(200);
    expect(await gauges()).toEqual({ processing: 1, stalled: 2 });

    // A worker's applied operation older than the timeout is no recent progress either.
    await t.prisma
      .$executeRaw`UPDATE sync_operations SET created_at = ${minutesAgo(20)}, updated_at = ${minutesAgo(8)} WHERE record_id = 'q-applied'`;
    expect(await gauges()).toEqual({ processing: 1, stalled: 2 });

    await t.prisma.$executeRaw`DELETE FROM sync_queue`;
    await t.prisma
      .$executeRaw`DELETE FROM sync_operations WHERE record_id IN ('q-old-1', 'q-old-2', 'q-new', 'q-applied', 'p-old', 'p-new')`;
    expect(await gauges()).toEqual({ processing: 0, stalled: 0 });
    expect(await t.prisma.$queryRaw`SELECT * FROM sync_operations_processing`).toEqual([]);
  });

  it('counts deliveries by result with their latency', async () => {
    const metrics = await text();
    const delivered = (m: string, result: string) => sample(m, 'resync_sync_deliveries_total', { result }) ?? 0;
    fake.reset();
    fake.respondNext({ status: 200 }, { status: 503 }, { status: 422 });
    await t.prisma.$executeRaw`DELETE FROM sync_outbox`;
    await t.prisma.$executeRaw`DELETE FROM sync_failures`;
    await t
      .as('MTY')
      .post('/tables/venta/batch')
      .send({ operations: [1, 2, 3].map((i) => ({ operation: 'CREATE', record: { id: `dl-${i}` } })) })
      .expect(200);

    await t.get<OutboxDispatcher>(OutboxDispatcher).dispatchOnce();

    const after = await text();
    expect(delivered(after, 'delivered') - delivered(metrics, 'delivered')).toBe(1);
    expect(delivered(after, 'temporary') - delivered(metrics, 'temporary')).toBe(1);
    expect(delivered(after, 'permanent') - delivered(metrics, 'permanent')).toBe(1);
    expect(sample(after, 'resync_sync_delivered_total')! - (sample(metrics, 'resync_sync_delivered_total') ?? 0)).toBe(
      1,
    );
    expect(
      sample(after, 'resync_sync_delivery_duration_seconds_count')! -
        (sample(metrics, 'resync_sync_delivery_duration_seconds_count') ?? 0),
    ).toBe(3);
  });

  it('counts retries by result', async () => {
    await t.prisma.$executeRaw`DELETE FROM sync_outbox`;
    await t.prisma.$executeRaw`DELETE FROM sync_failures`;
    await t.as('MTY').post('/items').send({ id: 'rt-1' }).expect(200);
    await t.as('MTY').post('/items').send({ id: 'rt-2' }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_outbox`;
    for (const recordId of ['rt-1', 'rt-2'])
      await insertFailure(t, {
        recordId,
        createdAt: new Date(Date.now() - 600_000),
        nextRetryAt: new Date(Date.now() - 60_000),
      });
    const before = await text();
    const retries = (m: string, result: string) => sample(m, 'resync_sync_retries_total', { result }) ?? 0;
    fake.reset();
    fake.respondNext({ status: 200 }, { status: 503 });

    await t.get<SyncRetryService>(SyncRetryService).retryDue();

    const after = await text();
    expect({
      delivered: retries(after, 'delivered') - retries(before, 'delivered'),
      failed: retries(after, 'failed') - retries(before, 'failed'),
    }).toEqual({ delivered: 1, failed: 1 });
  });
});

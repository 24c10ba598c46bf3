import { AsyncIngestWorker } from '@app/ingest';
import { createTestApp, createTestDatabase, recordId, TestApp, TestDatabase } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';

type Store = 'MTY' | 'GDL';

/**
 * DATABASE_ENGINE=citus, here on plain PostgreSQL: on Citus a lock may not span shards, so workers
 * claim the queue client by client (the client whose oldest entry is oldest first, then that
 * client's first free entry; AsyncQueueRepository). The queue must still be taken oldest first
 * across clients, and several instances must still apply every operation exactly once, in order.
 */
describe('Asynchronous ingest claimed client by client (DATABASE_ENGINE=citus)', () => {
  let database: TestDatabase;
  let apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });
  afterAll(() => database.drop());

  const start = async () => {
    const app = await createTestApp({
      module: (config) => ApiModule.register(config),
      database,
      env: { DATABASE_ENGINE: 'citus', EXTERNAL_SYNC_URL: 'http://127.0.0.1:9/never-called' },
    });
    apps.push(app);
    return app;
  };
  const queue = (app: TestApp, store: Store, job: string, ids: string[], operation = 'CREATE') =>
    app
      .as(store)
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send({ operations: ids.map((id) => ({ operation, record: { id, id_cola: job, n: 1 } })) })
      .expect(202);
  const jobStatus = async (app: TestApp, store: Store, job: string) =>
    (await app.as(store).get(`/jobs/${job}`).expect(200)).body.status as string;

  it("takes the clients' entries oldest first: a client's later entry waits behind another client's older one", async () => {
    const app = await start();
    const worker = app.get<AsyncIngestWorker>(AsyncIngestWorker);
    const jobs: [Store, string][] = [
      ['MTY', 'order-m1'],
      ['GDL', 'order-g1'],
      ['MTY', 'order-m2'],
      ['GDL', 'order-g2'],
    ];
    for (const [store, job] of jobs) await queue(app, store, job, [recordId(job), recordId(job), recordId(job)]);

    const completed: string[] = [];
    for (let pass = 0; pass < jobs.length; pass++) {
      // One entry a batch: each holds 3 operations.
      expect(await worker.processOnce(3)).toEqual({ completed: 3, failed: 0, deferred: 0 });
      for (const [store, job] of jobs)
        if (!completed.includes(job) && (await jobStatus(app, store, job)) === 'COMPLETED') completed.push(job);
    }
    expect(completed).toEqual(jobs.map(([, job]) => job));
    expect(await worker.processOnce(3)).toEqual({ completed: 0, failed: 0, deferred: 0 });
  });

  it("two instances draining two clients' queues apply every operation once, each record's in order", async () => {
    const [a, b] = [await start(), await start()];
    await Promise.all([a, b].map((app) => app.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce(100)));
    const ids: Record<Store, string[]> = {
      MTY: Array.from({ length: 600 }, () => recordId('two-mty')),
      GDL: Array.from({ length: 600 }, () => recordId('two-gdl')),
    };
    // Entries of 100, the clients' interleaved; then updates of some records behind their creates.
    for (let i = 0; i < 600; i += 100)
      for (const store of ['MTY', 'GDL'] as const) await queue(a, store, 'two-clients', ids[store].slice(i, i + 100));
    for (const store of ['MTY', 'GDL'] as const)
      await queue(a, store, 'two-clients', ids[store].slice(0, 150), 'UPDATE');

    const queueEmpty = async () =>
      (await a.prisma.$queryRaw<{ empty: boolean }[]>`SELECT NOT EXISTS (SELECT 1 FROM sync_queue) AS empty`)[0].empty;
    const work = async (worker: AsyncIngestWorker) => {
      const done = { completed: 0, failed: 0, batches: 0 };
      for (let pass = 0; pass < 1000; pass++) {
        const batch = await worker.processOnce(100);
        if (batch.completed + batch.failed === 0) {
          if (await queueEmpty()) return done;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        done.completed += batch.completed;
        done.failed += batch.failed;
        done.batches++;
      }
      throw new Error('the queue did not empty');
    };
    const [first, second] = await Promise.all([work(a.get(AsyncIngestWorker)), work(b.get(AsyncIngestWorker))]);
    expect(first.completed + second.completed).toBe(2 * 750);
    expect(first.failed + second.failed).toBe(0);
    expect(first.batches).toBeGreaterThan(0);
    expect(second.batches).toBeGreaterThan(0);

    for (const store of ['MTY', 'GDL'] as const)
      expect((await a.as(store).get('/jobs/two-clients').expect(200)).body).toMatchObject({
        status: 'COMPLETED',
        total: 750,
        completed: 750,
        error: 0,
      });
    // Every create applied once (no "Duplicate bypassed"), every update after its create (no "created by update").
    const notes = await a.prisma.$queryRaw<{ client_id: string; operation: string; note: string | null; n: number }[]>`
      SELECT client_id, operation::text, note, count(*)::int AS n FROM sync_operations
      WHERE queue_id = 'two-clients' GROUP BY 1, 2, 3 ORDER BY 1, 2`;
    expect(notes).toEqual([
      { client_id: 'GDL_002', operation: 'CREATE', note: null, n: 600 },
      { client_id: 'GDL_002', operation: 'UPDATE', note: null, n: 150 },
      { client_id: 'MTY_001', operation: 'CREATE', note: null, n: 600 },
      { client_id: 'MTY_001', operation: 'UPDATE', note: null, n: 150 },
    ]);
  });
});

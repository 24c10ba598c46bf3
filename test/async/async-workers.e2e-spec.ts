import { AsyncIngestWorker } from '@app/ingest';
import { createTestApp, createTestDatabase, recordId, TestApp, TestDatabase } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';

/** Several workers on one database, the running loops, and backpressure. */
describe('Asynchronous ingest workers', () => {
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

  const start = async (env: Record<string, string> = {}) => {
    const app = await createTestApp({ module: (config) => ApiModule.register(config), database, env });
    apps.push(app);
    return app;
  };
  const queueBatch = (app: TestApp, ids: string[], extra: Record<string, unknown> = {}) =>
    app
      .as('MTY')
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send({ operations: ids.map((id) => ({ operation: 'CREATE', record: { id, ...extra } })) })
      .expect(202);

  it('two instances working at once never apply the same operation, and apply all of them', async () => {
    const [a, b] = [await start(), await start()];
    // Both workers connected and their statements prepared first: a cold worker's first batch took
    // long enough for the other to apply the whole queue.
    await Promise.all([a, b].map((app) => app.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce(250)));
    const ids = Array.from({ length: 3000 }, () => recordId('two'));
    // Entries of 250: a worker takes a whole entry at a time, so there is work for both.
    for (let i = 0; i < ids.length; i += 250) await queueBatch(a, ids.slice(i, i + 250), { id_cola: 'two-workers' });
    // Updates of some records queued behind their creates: they must come after them.
    await a
      .as('MTY')
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send({
        operations: ids
          .slice(0, 500)
          .map((id) => ({ operation: 'UPDATE', record: { id, id_cola: 'two-workers', n: 2 } })),
      })
      .expect(202);

    const queueEmpty = async () =>
      (await a.prisma.$queryRaw<{ empty: boolean }[]>`SELECT NOT EXISTS (SELECT 1 FROM sync_queue) AS empty`)[0].empty;
    // Each worker goes on until the queue is empty (not at its first empty pass: the other may hold the rest).
    const work = async (worker: AsyncIngestWorker) => {
      const done = { completed: 0, failed: 0, batches: 0 };
      for (let pass = 0; pass < 1000; pass++) {
        const batch = await worker.processOnce(250);
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
    expect(first.completed + second.completed).toBe(3500);
    expect(first.failed + second.failed).toBe(0);
    expect(first.batches).toBeGreaterThan(0);
    expect(second.batches).toBeGreaterThan(0);

    const job = (await a.as('MTY').get('/jobs/two-workers').expect(200)).body;
    expect(job).toMatchObject({ status: 'COMPLETED', total: 3500, completed: 3500, error: 0 });
    const notes = await a.prisma.$queryRaw<{ operation: string; note: string | null; n: number }[]>`
      SELECT operation::text, note, count(*)::int AS n FROM sync_operations WHERE queue_id = 'two-workers' GROUP BY 1, 2 ORDER BY 1`;
    // Every create was applied once (no "Duplicate bypassed"), every update after its create (no "created by update").
    expect(notes).toEqual([
      { operation: 'CREATE', note: null, n: 3000 },
      { operation: 'UPDATE', note: null, n: 500 },
    ]);
    const [{ rows }] = await a.prisma.$queryRaw<
      { rows: number }[]
    >`SELECT count(*)::int AS rows FROM venta WHERE data->>'n' = '2'`;
    expect(rows).toBe(500);
  });

  it('with RUN_JOBS the loops apply queued operations by themselves', async () => {
    const app = await start({ RUN_JOBS: 'true', ASYNC_POLL_INTERVAL: '20ms', ASYNC_WORKER_CONCURRENCY: '2' });
    const id = recordId('loop');
    await queueBatch(app, [id], { id_cola: 'loop-job' });
    let status = '';
    for (let i = 0; i < 250 && status !== 'COMPLETED'; i++) {
      await new Promise((wake) => setTimeout(wake, 20));
      status = (await app.as('MTY').post('/records').send({ hash_id: id }).expect(200)).body.status;
    }
    expect(status).toBe('COMPLETED');
  });

  it('an accepted batch wakes idle workers at once (LISTEN/NOTIFY), not after ASYNC_POLL_INTERVAL', async () => {
    // Workers that, once idle, would not look at the queue again for an hour.
    await start({ RUN_JOBS: 'true', ASYNC_POLL_INTERVAL: '1h' });
    const api = await start();
    await new Promise((idle) => setTimeout(idle, 200)); // the loops' first pass found nothing: asleep
    const id = recordId('notify');
    await queueBatch(api, [id]);
    let status = '';
    for (let i = 0; i < 100 && status !== 'COMPLETED'; i++) {
      await new Promise((wake) => setTimeout(wake, 50));
      status = (await api.as('MTY').post('/records').send({ hash_id: id }).expect(200)).body.status;
    }
    expect(status).toBe('COMPLETED');
  });

  it('answers 503 with Retry-After when the queue is deeper than ASYNC_MAX_QUEUE_DEPTH, and writes nothing', async () => {
    const app = await start({ ASYNC_MAX_QUEUE_DEPTH: '3', ASYNC_QUEUE_DEPTH_REFRESH: '0ms', ASYNC_RETRY_AFTER: '45s' });
    await app.prisma.$executeRaw`UPDATE sync_operations SET status = 'COMPLETED' WHERE status = 'QUEUED'`;
    await queueBatch(app, [recordId(), recordId(), recordId()]);
    const id = recordId('full');
    const res = await app.as('MTY').post('/items').set('Prefer', 'respond-async').send({ id }).expect(503);
    expect(res.headers['retry-after']).toBe('45');
    expect(res.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/queue is full/) });
    expect((await app.as('MTY').get(`/items/${id}/history`).expect(200)).body.operations).toEqual([]);
    // Synchronous writes are not held back.
    await app.as('MTY').post('/items').send({ id }).expect(200);
    // Once workers drain the queue, asynchronous requests are accepted again.
    await app.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce();
    await app.as('MTY').post('/items').set('Prefer', 'respond-async').send({ id: recordId() }).expect(202);
  });
});

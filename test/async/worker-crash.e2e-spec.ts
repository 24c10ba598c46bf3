import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AsyncIngestWorker } from '@app/ingest';
import { createTestApp, recordId, TEST_ADMIN_TOKEN, TEST_CLIENTS, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { killStartedApps, startApp, waitForHealth } from '../foundation/app-process';
import { buildApps, WORKER_MAIN } from '../foundation/built-app';
import { freePort } from '../setup/free-port';

const until = async (what: string, check: () => Promise<boolean>, withinMs = 60_000) => {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
};

/** A worker process killed with SIGKILL in the middle of a batch: nothing lost, nothing applied twice. */
describe('Asynchronous ingest: a worker killed mid-batch', () => {
  let t: TestApp;
  let cwd: string;

  beforeAll(async () => {
    await buildApps();
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    cwd = mkdtempSync(join(tmpdir(), 'resync-async-crash-'));
    chmodSync(cwd, 0o755);
  }, 300_000);
  afterAll(async () => {
    await killStartedApps();
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('rolls its batch back: the operations stay QUEUED, are invisible as applied, and another worker applies each exactly once', async () => {
    const ids = Array.from({ length: 2000 }, () => recordId('crash'));
    for (let i = 0; i < ids.length; i += 1000) {
      await t
        .as('MTY')
        .post('/tables/venta/batch')
        .set('Prefer', 'respond-async')
        .send({
          operations: ids
            .slice(i, i + 1000)
            .map((id) => ({ operation: 'CREATE', record: { id, id_cola: 'crash-job', n: 1 } })),
        })
        .expect(202);
    }

    // Another session holds a row the batch must write (an uncommitted insert of one of its
    // records), so the worker's transaction stops half-way through its apply statement.
    const blocker = new Client({ connectionString: t.database.url });
    blocker.on('error', () => undefined); // the database is dropped under it if the test fails half-way
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`INSERT INTO venta (_client_id, _hash_id, data) VALUES ('MTY_001', $1, '{}')`, [ids[1500]]);

    const worker = startApp(
      WORKER_MAIN,
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        DATABASE_URL: t.database.url,
        API_KEYS: `${TEST_CLIENTS.MTY.clientId}:${TEST_CLIENTS.MTY.key}`,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        RUN_JOBS: 'true',
        ASYNC_BATCH_SIZE: '5000',
        ASYNC_POLL_INTERVAL: '50ms',
      },
      cwd,
    );
    await waitForHealth(worker);
    let stuck: number | undefined;
    await until('the worker to block inside its batch', async () => {
      const rows = await t.prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%WITH input AS%'`;
      stuck = rows[0]?.pid;
      return stuck !== undefined;
    });

    // While it holds its claim, a second worker finds nothing to take: claims never overlap.
    expect(await t.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce()).toEqual({
      completed: 0,
      failed: 0,
      deferred: 0,
    });

    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    await blocker.query('ROLLBACK');
    await blocker.end();
    // PostgreSQL ends the dead worker's session (and rolls its transaction back) when it next talks to it.
    await until('the dead worker session to end', async () => {
      const rows = await t.prisma.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${stuck}`;
      return rows[0].n === 0;
    });

    const statuses = await t.prisma.$queryRaw<{ status: string; n: number }[]>`
        SELECT status::text, count(*)::int AS n FROM sync_operations WHERE queue_id = 'crash-job' GROUP BY 1`;
    expect(statuses).toEqual([{ status: 'QUEUED', n: 2000 }]);
    const [{ rows: written }] = await t.prisma.$queryRaw<
      { rows: number }[]
    >`SELECT count(*)::int AS rows FROM venta WHERE _hash_id LIKE 'crash-%'`;
    expect(written).toBe(0);
    expect((await t.as('MTY').post('/records').send({ hash_id: ids[10] }).expect(200)).body.status).toBe('PROCESSING');

    // Another worker takes the batch over.
    let done = { completed: 0, failed: 0 };
    for (
      let batch = await t.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce();
      batch.completed > 0;
      batch = await t.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce()
    ) {
      done = { completed: done.completed + batch.completed, failed: done.failed + batch.failed };
    }
    expect(done).toEqual({ completed: 2000, failed: 0 });
    const after = await t.prisma.$queryRaw<{ status: string; note: string | null; n: number }[]>`
        SELECT status::text, note, count(*)::int AS n FROM sync_operations WHERE queue_id = 'crash-job' GROUP BY 1, 2`;
    // No "Duplicate bypassed": no record was written by the dead worker and again by the second.
    expect(after).toEqual([{ status: 'COMPLETED', note: null, n: 2000 }]);
    const [{ rows: applied }] = await t.prisma.$queryRaw<
      { rows: number }[]
    >`SELECT count(*)::int AS rows FROM venta WHERE _hash_id LIKE 'crash-%'`;
    expect(applied).toBe(2000);
    expect((await t.as('MTY').get('/jobs/crash-job').expect(200)).body).toMatchObject({
      status: 'COMPLETED',
      total: 2000,
      completed: 2000,
    });
  }, 300_000);
});

import { ManualClock } from '@app/common';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ADMIN_TOKEN, TEST_CLIENTS } from '@app/testing';
import { killStartedApps, startApp, waitForHealth } from '../foundation/app-process';
import { buildApps, WORKER_MAIN } from '../foundation/built-app';
import { freePort } from '../setup/free-port';
import { FakeExternalSystem } from './fake-external-system';
import { MINUTE, startSyncApp, SyncApp } from './sync-test-kit';

const RECORDS = 100;
const PER_REQUEST = 10;
const CONCURRENCY = 2;

/**
 * A worker delivering in batch mode killed with SIGKILL mid-request: another instance takes its
 * claim over once the lease expires. Every change arrives; the only ones sent twice are those the
 * dead instance had in flight, with the same key and body (at-least-once, deduplicated by key).
 */
describe('External sync in batch mode: a delivering worker killed with SIGKILL', () => {
  let fake: FakeExternalSystem;
  let app: SyncApp;
  let cwd: string;

  beforeAll(async () => {
    await buildApps();
    fake = await FakeExternalSystem.start();
    // The surviving instance; its clock starts now, so it sees the dead worker's lease as the worker wrote it.
    app = await startSyncApp(fake, { clock: new ManualClock(new Date()), env: { EXTERNAL_SYNC_BATCH_SIZE: '10' } });
    cwd = mkdtempSync(join(tmpdir(), 'resync-sync-kill-'));
    chmodSync(cwd, 0o755);
  }, 300_000);
  afterAll(async () => {
    await killStartedApps();
    await app?.t.close();
    await fake?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('loses nothing and sends again only what was in flight, with the same keys and bodies', async () => {
    const operations = Array.from({ length: RECORDS }, (_, i) => ({
      operation: 'CREATE',
      record: { id: `k-${i}`, n: i },
    }));
    const { body } = await app.t.as('MTY').post('/tables/venta/batch').send({ operations }).expect(200);
    const operationIds: string[] = body.results.map((r: { operation_id: string }) => r.operation_id);

    fake.respondAlways({ status: 200, delayMs: 400 });
    const worker = startApp(
      WORKER_MAIN,
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        DATABASE_URL: app.t.database.url,
        API_KEYS: `${TEST_CLIENTS.MTY.clientId}:${TEST_CLIENTS.MTY.key}`,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        RUN_JOBS: 'true',
        EXTERNAL_SYNC_URL: fake.url,
        EXTERNAL_SYNC_BATCH_SIZE: String(PER_REQUEST),
        EXTERNAL_SYNC_TIMEOUT: '5s',
        SYNC_RETRY_CONCURRENCY: String(CONCURRENCY),
        SYNC_DISPATCH_BATCH_SIZE: '20',
      },
      cwd,
    );
    await waitForHealth(worker);
    const deadline = Date.now() + 60_000;
    while (fake.received.length < 3 && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 20));
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    const beforeKill = fake.received.length;
    expect(beforeKill).toBeGreaterThanOrEqual(3);
    expect(await app.outboxCount()).toBeGreaterThan(0);

    // Within its lease the dead worker's claim holds; past it, the survivor takes everything left.
    fake.respondAlways({ status: 200 });
    app.clock.advance(10 * MINUTE);
    await app.drainOutbox();
    expect(await app.outboxCount()).toBe(0);
    expect(await app.failures()).toEqual([]);

    const sent = fake.receivedMessages();
    const bodies = new Map<string, string[]>();
    for (const { key, ...message } of sent) bodies.set(key!, [...(bodies.get(key!) ?? []), JSON.stringify(message)]);
    expect([...bodies.keys()].sort()).toEqual([...operationIds].sort());
    const twice = [...bodies.values()].filter((copies) => copies.length > 1);
    expect(twice.every((copies) => copies.length === 2 && copies[0] === copies[1])).toBe(true);
    // Only the requests in flight when it died (at most CONCURRENCY of them, each of PER_REQUEST) go again.
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY * PER_REQUEST);
  });
});

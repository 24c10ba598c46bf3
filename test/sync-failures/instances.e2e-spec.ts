import { ManualClock } from '@app/common';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { FakeExternalSystem } from './fake-external-system';
import { MINUTE, startSyncApp, SyncApp } from './sync-test-kit';

const RECORDS = 60;

function countByKey(keys: (string | undefined)[]): Map<string | undefined, number> {
  const counts = new Map<string | undefined, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * Two app instances on one database: every delivery and every retry happens exactly once. Also with
 * DATABASE_ENGINE=citus (on plain PostgreSQL here), whose claims go client by client: two clients'
 * records, claimed by both instances.
 */
describe.each(['postgres', 'citus'])('External sync on several instances (DATABASE_ENGINE=%s)', (engine) => {
  let fake: FakeExternalSystem;
  let database: TestDatabase;
  let a: SyncApp;
  let b: SyncApp;
  let operationIds: string[];

  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    database = await createTestDatabase();
    const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
    // Small batches and slow answers, so the two instances' claims interleave.
    const env = {
      SYNC_DISPATCH_BATCH_SIZE: '7',
      SYNC_RETRY_BATCH_SIZE: '7',
      SYNC_RETRY_CONCURRENCY: '4',
      DATABASE_ENGINE: engine,
    };
    a = await startSyncApp(fake, { database, clock, env });
    b = await startSyncApp(fake, { database, clock, env });
    const operations = (from: number) =>
      Array.from({ length: RECORDS / 2 }, (_, i) => ({
        operation: 'CREATE',
        record: { id: `multi-${from + i}`, n: i },
      }));
    operationIds = [];
    for (const [store, from] of [
      ['MTY', 0],
      ['GDL', RECORDS / 2],
    ] as const) {
      const { body } = await a.t
        .as(store)
        .post('/tables/venta/batch')
        .send({ operations: operations(from) })
        .expect(200);
      operationIds.push(...body.results.map((r: { operation_id: string }) => r.operation_id));
    }
    expect(new Set(operationIds).size).toBe(RECORDS);
  });
  afterAll(async () => {
    await a.t.close();
    await b.t.close();
    await fake.close();
    await database.drop();
  });

  it('the dispatchers of both instances send each outbox entry once', async () => {
    fake.respondAlways({ status: 500, delayMs: 5 });
    const [fromA, fromB] = await Promise.all([a.drainOutbox(), b.drainOutbox()]);

    expect(fromA.failed + fromB.failed).toBe(RECORDS);
    expect(fromA.failed).toBeGreaterThan(0);
    expect(fromB.failed).toBeGreaterThan(0);
    const counts = countByKey(fake.received.map((r) => r.idempotencyKey));
    expect([...counts.keys()].sort()).toEqual([...operationIds].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await a.outboxCount()).toBe(0);
    expect(await a.failures()).toHaveLength(RECORDS);
  });

  it('the retry jobs of both instances retry each due failure once', async () => {
    fake.reset();
    fake.respondAlways({ status: 200, delayMs: 5 });
    a.clock.advance(6 * MINUTE);
    const [fromA, fromB] = await Promise.all([a.retry.retryDue(), b.retry.retryDue()]);

    expect(fromA.delivered + fromB.delivered).toBe(RECORDS);
    expect(fromA.delivered).toBeGreaterThan(0);
    expect(fromB.delivered).toBeGreaterThan(0);
    const counts = countByKey(fake.received.map((r) => r.idempotencyKey));
    expect(counts.size).toBe(RECORDS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await a.failures()).toEqual([]);
  });
});

import { ManualClock } from '@app/common';
import { OutboxRepository } from '@app/sync-failures/outbox/outbox.repository';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { FakeExternalSystem } from './fake-external-system';
import { MINUTE, startSyncApp } from './sync-test-kit';

/** The transactional outbox across restarts: nothing committed is lost, nothing claimed is stuck. */
describe('External sync after a crash', () => {
  let fake: FakeExternalSystem;
  let database: TestDatabase;

  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await fake.close();
    await database.drop();
  });

  it('delivers an outbox entry committed by an instance that stopped before dispatching it', async () => {
    const first = await startSyncApp(fake, { database });
    const created = await first.t.as('MTY').post('/items').send({ id: 'crash-1', total: 7 }).expect(200);
    await first.t.close();
    expect(fake.received).toEqual([]);

    const second = await startSyncApp(fake, { database });
    try {
      expect(await second.dispatcher.dispatchOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(fake.received.map((r) => [r.idempotencyKey, r.body.payload])).toEqual([
        [created.body.operation_id, { _hash_id: 'crash-1', _ver: 1, total: 7 }],
      ]);
      expect(await second.outboxCount()).toBe(0);
    } finally {
      await second.t.close();
    }
  });

  it('takes over an entry claimed by an instance that died mid-delivery once its lease expires', async () => {
    const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
    const app = await startSyncApp(fake, { database, clock });
    try {
      fake.reset();
      await app.t.as('MTY').post('/items').send({ id: 'crash-2' }).expect(200);
      // The dead instance's claim: what dispatchOnce does before delivering.
      await app.t
        .get<OutboxRepository>(OutboxRepository)
        .claim(clock.now(), new Date(clock.now().getTime() + 5 * MINUTE), 10);
      expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 0 });
      clock.advance(5 * MINUTE + 1);
      expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(fake.received.map((r) => r.body.entity_id)).toEqual(['MTY_001:crash-2']);
    } finally {
      await app.t.close();
    }
  });

  it('runs the dispatcher by itself with RUN_JOBS, and stops it on close', async () => {
    const app = await startSyncApp(fake, { database, env: { RUN_JOBS: 'true', SYNC_DISPATCH_INTERVAL: '20ms' } });
    try {
      fake.reset();
      await app.t.as('MTY').post('/items').send({ id: 'loop-1' }).expect(200);
      for (let i = 0; i < 250 && fake.received.length === 0; i++) await new Promise((done) => setTimeout(done, 20));
      expect(fake.received.map((r) => r.body.entity_id)).toEqual(['MTY_001:loop-1']);
    } finally {
      await app.t.close();
    }
  });
});

import { recordId, TestDatabase } from '@app/testing';
import { FakeExternalSystem } from '../sync-failures/fake-external-system';
import { clearSyncState, MINUTE, startSyncApp, SyncApp } from '../sync-failures/sync-test-kit';
import { CITUS_ENV, createCitusDatabase } from './citus-kit';

/** The outbox and the retries on Citus (issue 28: their claims across all clients failed). */
describe('Outbox delivery and retries on Citus', () => {
  let database: TestDatabase;
  let fake: FakeExternalSystem;
  let app: SyncApp;

  beforeAll(async () => {
    database = await createCitusDatabase();
    fake = await FakeExternalSystem.start();
    app = await startSyncApp(fake, { database, env: { ...CITUS_ENV } });
  });
  beforeEach(() => clearSyncState(app, fake));
  afterAll(async () => {
    await app?.t.close();
    await fake?.close();
    await database?.drop();
  });

  it('delivers the changes of two stores once each, with their operation ids as Idempotency-Key, and empties the outbox', async () => {
    const sent: { key: string; entity: string }[] = [];
    for (const [who, clientId] of [
      ['MTY', 'MTY_001'],
      ['GDL', 'GDL_002'],
    ] as const)
      for (let n = 0; n < 5; n++) {
        const id = recordId('out');
        const created = await app.t.as(who).post('/items').send({ id, n }).expect(200);
        sent.push({ key: created.body.operation_id, entity: `${clientId}:${id}` });
      }
    expect(await app.outboxCount()).toBe(10);
    expect(await app.drainOutbox()).toEqual({ delivered: 10, failed: 0 });
    const received = fake.received.flatMap((r) => r.messages.map((m) => ({ key: m.key, entity: m.entity_id })));
    const byKey = (a: { key?: string }, b: { key?: string }) => (a.key! < b.key! ? -1 : 1);
    expect(received.sort(byKey)).toEqual([...sent].sort(byKey));
    expect(await app.outboxCount()).toBe(0);
    expect(await app.failures()).toEqual([]);
  });

  it('a failed delivery becomes a failure; the retry after the backoff delivers it and removes the failure', async () => {
    fake.respondNext({ status: 500 });
    const created = await app.t
      .as('GDL')
      .post('/items')
      .send({ id: recordId('retry'), total: 1 })
      .expect(200);
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });
    const [failure] = await app.failures();
    expect(failure).toMatchObject({ clientId: 'GDL_002', retryCount: 0, error: 'HTTP 500: Internal Server Error' });

    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 }); // not due yet
    app.clock.advance(6 * MINUTE);
    expect(await app.retry.retryDue()).toEqual({ attempted: 1, delivered: 1, failed: 0, refused: 0 });
    expect(await app.failures()).toEqual([]);
    expect(fake.received.map((r) => [r.idempotencyKey, r.status])).toEqual([
      [created.body.operation_id, 500],
      [created.body.operation_id, 200],
    ]);
  });

  it('an operator’s manual retry of a failure delivers it', async () => {
    fake.respondNext({ status: 503 });
    await app.t
      .as('MTY')
      .post('/items')
      .send({ id: recordId('manual') })
      .expect(200);
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });
    const [failure] = await app.failures();
    const answer = await app.t.as('admin').post(`/sync-failures/${failure.id}/retry`).expect(200);
    expect(answer.body).toMatchObject({ outcome: 'delivered', failure: null });
    expect(await app.failures()).toEqual([]);
    expect(fake.received.map((r) => r.status)).toEqual([503, 200]);
  });
});

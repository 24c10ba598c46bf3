import { ManualClock } from '@app/common';
import { Metrics } from '@app/metrics';
import { OVERSIZED_BATCH_ANSWER } from '@app/sync-failures';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { sample } from '../metrics/metrics-text';
import { closedPortUrl, FakeExternalSystem, ReceivedMessage } from './fake-external-system';
import { clearSyncState, MINUTE, startSyncApp, SyncApp } from './sync-test-kit';

// Three changes a request, one request at a time: a round of 7 changes is 3 requests in order.
const BATCH_ENV = { EXTERNAL_SYNC_BATCH_SIZE: '3', SYNC_RETRY_CONCURRENCY: '1', EXTERNAL_SYNC_TIMEOUT: '300ms' };

/** Creates one sale per id (a batch of CREATEs) and returns their operation ids, in order. */
async function create(app: SyncApp, ids: string[]): Promise<string[]> {
  const operations = ids.map((id) => ({ operation: 'CREATE', record: { id, total: 1 } }));
  const { body } = await app.t.as('MTY').post('/tables/venta/batch').send({ operations }).expect(200);
  return body.results.map((r: { operation_id: string }) => r.operation_id);
}

const keys = (messages: ReceivedMessage[]) => messages.map((m) => m.key);

/** EXTERNAL_SYNC_BATCH_SIZE > 1: many changes a POST, answered per message. */
describe('External sync in batch mode', () => {
  let fake: FakeExternalSystem;
  let app: SyncApp;

  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    app = await startSyncApp(fake, { env: BATCH_ENV });
  });
  beforeEach(() => clearSyncState(app, fake));
  afterAll(async () => {
    await app.t.close();
    await fake.close();
  });

  it('sends up to N changes as a JSON array, each with its idempotency_key; a plain 200 delivers them all', async () => {
    const operationIds = await create(app, ['b-1', 'b-2', 'b-3', 'b-4', 'b-5', 'b-6', 'b-7']);
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 7, failed: 0 });
    expect(fake.received.map((r) => r.messages.length)).toEqual([3, 3, 1]);
    expect(fake.received.every((r) => Array.isArray(r.body) && r.contentType === 'application/json')).toBe(true);
    expect(fake.received.every((r) => r.idempotencyKey === undefined)).toBe(true);
    expect(fake.receivedMessages()[0]).toEqual({
      entity_type: 'SALE',
      entity_id: 'MTY_001:b-1',
      action: 'CREATE',
      client_id: 'MTY_001',
      payload: { _hash_id: 'b-1', _ver: 1, total: 1 },
      operation_id: operationIds[0],
      key: operationIds[0],
    });
    expect(keys(fake.receivedMessages())).toEqual(operationIds);
    expect(await app.outboxCount()).toBe(0);
    expect(await app.failures()).toEqual([]);
  });

  it('records each message the receiver answered as failed, with the same backoff and manual intervention', async () => {
    const [ok, busy, refused] = await create(app, ['p-ok', 'p-busy', 'p-refused']);
    fake.respondNext({
      status: 200,
      perMessage: (m) =>
        m.key === busy
          ? { status: 503, error: 'ledger locked', retry_after: 1200 }
          : m.key === refused
            ? { status: 422, error: 'total must be positive' }
            : { status: 200 },
    });
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 1, failed: 2 });
    const failures = await app.failures();
    const byRecord = new Map(failures.map((f) => [f.recordId, f]));
    expect(byRecord.has('p-ok')).toBe(false);
    expect(byRecord.get('p-busy')).toMatchObject({
      operationId: BigInt(busy),
      error: 'HTTP 503: Service Unavailable - ledger locked',
      retryCount: 0,
      // Retry-After (1,200 s) outlasts the first backoff step (5 min ± 10 %)
      nextRetryAt: new Date(app.clock.now().getTime() + 20 * MINUTE),
    });
    expect(byRecord.get('p-refused')).toMatchObject({
      operationId: BigInt(refused),
      error: 'HTTP 422: Unprocessable Entity - total must be positive',
      nextRetryAt: null,
    });
    expect(ok).toBeDefined();

    // The retry job sends the due one in a batch too, and its success deletes the row.
    fake.reset();
    app.clock.advance(21 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 1, delivered: 1 });
    expect(keys(fake.receivedMessages())).toEqual([busy]);
    expect((await app.failures()).map((f) => f.recordId)).toEqual(['p-refused']);
  });

  it('counts delivered changes per message and the latency per request', async () => {
    const text = () => app.t.get<Metrics>(Metrics).text();
    const read = (m: string, name: string, labels?: Record<string, string>) => sample(m, name, labels) ?? 0;
    const before = await text();
    const [, failing] = await create(app, ['c-1', 'c-2', 'c-3']);
    fake.respondNext({ status: 200, perMessage: (m) => ({ status: m.key === failing ? 500 : 200 }) });
    await app.dispatcher.dispatchOnce();
    const after = await text();
    const delta = (name: string, labels?: Record<string, string>) =>
      read(after, name, labels) - read(before, name, labels);
    expect(delta('resync_sync_delivered_total')).toBe(2);
    expect(delta('resync_sync_deliveries_total', { result: 'delivered' })).toBe(2);
    expect(delta('resync_sync_deliveries_total', { result: 'temporary' })).toBe(1);
    expect(delta('resync_sync_delivery_duration_seconds_count')).toBe(1);
  });

  it('treats a message the answer leaves out as a temporary failure, and a 4xx/5xx as the whole batch failing', async () => {
    const [first, second] = await create(app, ['m-1', 'm-2', 'm-3', 'm-4']);
    fake.respondNext(
      { status: 200, perMessage: (m) => (m.key === first ? { status: 200 } : { status: 0 }) },
      { status: 500 },
    );
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 1, failed: 3 });
    const errors = new Map((await app.failures()).map((f) => [f.recordId, f.error]));
    expect(errors.get('m-2')).toBe('No answer for this message in the batch response');
    expect(errors.get('m-4')).toBe('HTTP 500: Internal Server Error');
    expect(second).toBeDefined();
  });

  it('turns every message into a temporary failure when the receiver is down', async () => {
    const down = await startSyncApp(await closedPortUrl(), { env: BATCH_ENV, database: app.t.database });
    try {
      await create(down, ['d-1', 'd-2', 'd-3', 'd-4']);
      expect(await down.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 4 });
      const failures = await down.failures();
      expect(failures).toHaveLength(4);
      expect(failures.every((f) => f.error.startsWith('Network error: ') && f.nextRetryAt !== null)).toBe(true);
    } finally {
      await down.t.close();
    }
  });

  it('reads at most 1 MiB of an answer: a longer 2xx answer fails every change of its batch, sent again with the same keys', async () => {
    const operationIds = await create(app, ['big-1', 'big-2', 'big-3']);
    fake.respondNext({ status: 200, body: `{"results":[${' '.repeat(3 * 1024 * 1024)}]}` });
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 3 });
    const failures = await app.failures();
    expect(failures.map((f) => f.operationId?.toString()).sort()).toEqual([...operationIds].sort());
    expect(failures.every((f) => f.error === OVERSIZED_BATCH_ANSWER && f.nextRetryAt !== null)).toBe(true);

    fake.reset();
    app.clock.advance(6 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 3, delivered: 3 });
    expect(keys(fake.receivedMessages()).sort()).toEqual([...operationIds].sort());
  });

  it('fails only the batch that timed out: the batches answered before it stay delivered', async () => {
    const operationIds = await create(app, ['t-1', 't-2', 't-3', 't-4', 't-5', 't-6', 't-7']);
    fake.respondNext({ status: 200 }, { status: 200, delayMs: 600 }, { status: 200 });
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 4, failed: 3 });
    const failures = await app.failures();
    expect(failures.map((f) => f.operationId?.toString()).sort()).toEqual(operationIds.slice(3, 6).sort());
    expect(failures.every((f) => f.error === 'Timed out after 300ms')).toBe(true);
  });

  it("keeps each record's changes in order across batches: a later change waits for an earlier failed one", async () => {
    const [created] = await create(app, ['o-1']);
    const updates: string[] = [];
    for (const total of [2, 3]) {
      const { body } = await app.t.as('MTY').put('/items/o-1').send({ total }).expect(200);
      updates.push(body.operation_id);
    }
    const [other] = await create(app, ['o-2']);
    fake.respondNext({ status: 200, perMessage: (m) => (m.key === created ? { status: 503 } : { status: 200 }) });
    expect(await app.drainOutbox()).toEqual({ delivered: 1, failed: 1 });
    // The record's updates stay in the outbox behind its failure; the other record went.
    expect(keys(fake.receivedMessages())).toEqual([created, other]);
    expect(await app.outboxCount()).toBe(2);

    fake.reset();
    app.clock.advance(6 * MINUTE);
    await app.retry.retryDue();
    await app.drainOutbox();
    const sent = fake.receivedMessages();
    expect(keys(sent)).toEqual([created, ...updates]);
    // the retry sends the current row; the outbox entries after it carry their own change
    expect(sent.map((m) => m.payload.total)).toEqual([3, 2, 3]);
    expect(sent.map((m) => m.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
  });
});

/** Two instances in batch mode on one database: every change once, each record's changes in order. */
describe('External sync in batch mode on two instances', () => {
  let fake: FakeExternalSystem;
  let database: TestDatabase;
  let a: SyncApp;
  let b: SyncApp;

  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    database = await createTestDatabase();
    const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
    const env = { EXTERNAL_SYNC_BATCH_SIZE: '4', SYNC_DISPATCH_BATCH_SIZE: '6', SYNC_RETRY_CONCURRENCY: '2' };
    a = await startSyncApp(fake, { database, clock, env });
    b = await startSyncApp(fake, { database, clock, env });
  });
  afterAll(async () => {
    await a.t.close();
    await b.t.close();
    await fake.close();
    await database.drop();
  });

  it('sends every change exactly once and never a later change of a record before an earlier one', async () => {
    const RECORDS = 20;
    const ids = Array.from({ length: RECORDS }, (_, i) => `two-${i}`);
    const expected = new Map<string, string[]>();
    for (let round = 0; round < 3; round++) {
      const operations = ids.map((id) => ({ operation: round === 0 ? 'CREATE' : 'UPDATE', record: { id, n: round } }));
      const { body } = await a.t.as('MTY').post('/tables/venta/batch').send({ operations }).expect(200);
      body.results.forEach((r: { operation_id: string }, i: number) =>
        expected.set(ids[i], [...(expected.get(ids[i]) ?? []), r.operation_id]),
      );
    }
    fake.respondAlways({ status: 200, delayMs: 5 });
    const [fromA, fromB] = await Promise.all([a.drainOutbox(), b.drainOutbox()]);
    expect(fromA.delivered + fromB.delivered).toBe(RECORDS * 3);
    expect(fromA.delivered).toBeGreaterThan(0);
    expect(fromB.delivered).toBeGreaterThan(0);

    const sent = fake.receivedMessages();
    expect(new Set(keys(sent)).size).toBe(sent.length);
    for (const id of ids)
      expect(sent.filter((m) => m.entity_id === `MTY_001:${id}`).map((m) => m.key)).toEqual(expected.get(id));
    // No request carried two changes of one record.
    for (const request of fake.received)
      expect(new Set(request.messages.map((m) => m.entity_id)).size).toBe(request.messages.length);
  });
});

/** docs/examples/external-sync-receiver.js, the documented minimal receiver, against the app in both modes. */
describe('The documented example receiver', () => {
  const { createReceiver } = require('../../docs/examples/external-sync-receiver.js') as {
    createReceiver: () => { server: import('node:http').Server; store: { applied: Map<string, unknown> } };
  };
  const receiver = createReceiver();
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((done) => receiver.server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(receiver.server.address() as import('node:net').AddressInfo).port}/sync`;
  });
  afterAll(async () => {
    receiver.server.closeAllConnections();
    await new Promise((done) => receiver.server.close(done));
  });

  it.each([
    ['one change per request', '1'],
    ['batch mode', '3'],
  ])('applies each change once and refuses what it cannot apply (%s)', async (_mode, size) => {
    const app = await startSyncApp(url, { env: { EXTERNAL_SYNC_BATCH_SIZE: size } });
    try {
      receiver.store.applied.clear();
      const operationIds = await create(app, ['r-1', 'r-2', 'r-3', 'r-4']);
      // A change the receiver cannot apply: an outbox entry whose payload has no record id.
      await app.t.prisma.$executeRaw`UPDATE sync_outbox SET payload = '{}' WHERE record_id = 'r-4'`;
      expect(await app.drainOutbox()).toEqual({ delivered: 3, failed: 1 });
      expect([...receiver.store.applied.keys()].sort()).toEqual(operationIds.slice(0, 3).sort());
      expect(await app.failures()).toEqual([
        expect.objectContaining({ recordId: 'r-4', nextRetryAt: null, error: expect.stringContaining('HTTP 422') }),
      ]);
    } finally {
      await app.t.close();
    }
  });
});

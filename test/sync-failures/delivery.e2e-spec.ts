import { saleRecord } from '@app/testing';
import { closedPortUrl, FakeExternalSystem } from './fake-external-system';
import { MINUTE, startSyncApp, SyncApp, useSyncApp } from './sync-test-kit';

/** First delivery: outbox → dispatcher → external system, and what a failed one leaves behind. */
describe('External sync delivery', () => {
  let fake: FakeExternalSystem;
  let app: SyncApp;

  useSyncApp((suite) => ({ fake, app } = suite));

  it('delivers a change with the documented body and Idempotency-Key, and leaves no failure', async () => {
    const record = saleRecord({ id: 'ok-1', total: 99 });
    const created = await app.t.as('MTY').post('/items').send(record).expect(200);
    expect(await app.outboxCount()).toBe(1);

    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 1, failed: 0 });
    const { id, ...fields } = record;
    expect(fake.received.map(({ messages, ...request }) => request)).toEqual([
      {
        body: {
          entity_type: 'SALE',
          entity_id: 'MTY_001:ok-1',
          action: 'CREATE',
          client_id: 'MTY_001',
          payload: { _hash_id: 'ok-1', _ver: 1, ...fields },
          operation_id: created.body.operation_id,
        },
        idempotencyKey: created.body.operation_id,
        contentType: 'application/json',
        status: 200,
      },
    ]);
    expect(fake.received[0].messages).toEqual([{ ...fake.received[0].body, key: created.body.operation_id }]);
    expect(await app.outboxCount()).toBe(0);
    expect(await app.failures()).toEqual([]);
  });

  it('names devolucion RETURN and keeps entity ids apart across clients', async () => {
    await app.t.as('MTY').post('/tables/devolucion/items').send({ id: 'same-id', amount: 1 }).expect(200);
    await app.t.as('GDL').post('/tables/devolucion/items').send({ id: 'same-id', amount: 2 }).expect(200);
    await app.drainOutbox();
    expect(fake.received.map((r) => [r.body.entity_type, r.body.entity_id, r.body.payload.amount])).toEqual([
      ['RETURN', 'MTY_001:same-id', 1],
      ['RETURN', 'GDL_002:same-id', 2],
    ]);
  });

  it('delivers nothing for an operation that changed nothing (duplicate, stale version)', async () => {
    await app.t.as('MTY').post('/items').send({ id: 'dup-1', ver: 2, total: 1 }).expect(200);
    await app.t.as('MTY').post('/items').send({ id: 'dup-1', ver: 2, total: 1 }).expect(200);
    await app.t.as('MTY').put('/items/dup-1').send({ ver: 1, total: 0 }).expect(200);
    await app.drainOutbox();
    expect(fake.received.map((r) => r.body.action)).toEqual(['CREATE']);
  });

  it('turns a 5xx into a failure with retry_count 0, due after the first backoff step', async () => {
    fake.respondAlways({ status: 500 });
    const created = await app.t.as('MTY').post('/items').send({ id: 'f-1', total: 5 }).expect(200);
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });

    const [failure] = await app.failures();
    expect(failure).toMatchObject({
      entityType: 'SALE',
      entityId: 'MTY_001:f-1',
      action: 'CREATE',
      error: 'HTTP 500: Internal Server Error',
      retryCount: 0,
      lastRetryAt: null,
      clientId: 'MTY_001',
      tableName: 'venta',
      recordId: 'f-1',
      operationId: BigInt(created.body.operation_id),
      createdAt: app.clock.now(),
    });
    expect(JSON.parse(failure.payload!)).toEqual({ _hash_id: 'f-1', _ver: 1, total: 5 });
    // 5m ± 10% jitter.
    const wait = failure.nextRetryAt!.getTime() - app.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(4.5 * MINUTE);
    expect(wait).toBeLessThanOrEqual(5.5 * MINUTE);
    expect(await app.outboxCount()).toBe(0);
  });

  it('sends a permanent refusal (4xx) straight to manual intervention, with the reason', async () => {
    fake.respondNext({ status: 422, body: '{"error":"total must be positive"}' });
    await app.t.as('MTY').post('/items').send({ id: 'bad-1', total: -1 }).expect(200);
    await app.dispatcher.dispatchOnce();

    const [failure] = await app.failures();
    expect(failure).toMatchObject({
      retryCount: 0,
      nextRetryAt: null,
      error: 'HTTP 422: Unprocessable Entity - {"error":"total must be positive"}',
    });
    app.clock.advance(7 * 24 * 60 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 });
    expect(fake.received).toHaveLength(1);
    const critical = await app.t.as('admin').get('/sync-failures/critical').expect(200);
    expect(critical.body.items).toEqual([
      expect.objectContaining({ id: failure.id, critical: true, next_retry_at: null }),
    ]);
  });

  it("names the device of the failed change's operation in every failure view (null when it named none)", async () => {
    fake.respondNext({ status: 422, body: '{"error":"no"}' });
    fake.respondNext({ status: 422, body: '{"error":"no"}' });
    await app.t.as('MTY').post('/items').set('X-Device-Id', 'till-7').send({ id: 'dev-1', total: -1 }).expect(200);
    await app.t.as('MTY').post('/items').send({ id: 'dev-2', total: -1 }).expect(200);
    await app.dispatcher.dispatchOnce();

    const [op] = await app.t.prisma.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM sync_operations WHERE record_id = 'dev-1' AND device_id = 'till-7'`;
    const devices = (body: { items: { record_id: string; operation_id: string; device_id: string | null }[] }) =>
      body.items.map((i) => [i.record_id, i.device_id]).sort();
    const expected = [
      ['dev-1', 'till-7'],
      ['dev-2', null],
    ];
    const all = await app.t.as('admin').get('/sync-failures').expect(200);
    expect(devices(all.body)).toEqual(expected);
    expect(devices((await app.t.as('admin').get('/sync-failures/critical').expect(200)).body)).toEqual(expected);

    const failure = all.body.items.find((i: { record_id: string }) => i.record_id === 'dev-1');
    expect(failure.operation_id).toBe(op.id.toString());
    const one = await app.t.as('admin').get(`/sync-failures/${failure.id}`).expect(200);
    expect(one.body).toMatchObject({ operation_id: op.id.toString(), device_id: 'till-7' });
    const discarded = await app.t.as('admin').delete(`/sync-failures/${failure.id}`).expect(200);
    expect(discarded.body).toMatchObject({ id: failure.id, device_id: 'till-7' });
  });

  it('records the 503 Retry-After as the first retry time when it is longer than the backoff', async () => {
    fake.respondNext({ status: 503, headers: { 'Retry-After': '3600' } });
    await app.t.as('MTY').post('/items').send({ id: 'ra-1' }).expect(200);
    await app.dispatcher.dispatchOnce();
    const [failure] = await app.failures();
    expect(failure.error).toBe('HTTP 503: Service Unavailable');
    expect(failure.nextRetryAt).toEqual(new Date(app.clock.now().getTime() + 60 * MINUTE));
  });

  it("holds a record's later changes back while it has an open failure, and releases them in order when it is gone", async () => {
    fake.respondNext({ status: 500 });
    await app.t.as('MTY').post('/items').send({ id: 'ord-1', total: 1 }).expect(200);
    await app.dispatcher.dispatchOnce();
    await app.t.as('MTY').put('/items/ord-1').send({ total: 2 }).expect(200);
    await app.t.as('MTY').put('/items/ord-1').send({ total: 3 }).expect(200);
    await app.t.as('MTY').post('/items').send({ id: 'other-1' }).expect(200);

    // Only the unrelated record goes out; ord-1's updates wait behind its failure.
    await app.drainOutbox();
    expect(fake.received.map((r) => r.body.entity_id)).toEqual(['MTY_001:ord-1', 'MTY_001:other-1']);
    expect(await app.outboxCount()).toBe(2);

    const [failure] = await app.failures();
    await app.t.as('admin').delete(`/sync-failures/${failure.id}`).expect(200);
    await app.drainOutbox();
    expect(fake.received.slice(2).map((r) => [r.body.action, r.body.payload.total])).toEqual([
      ['UPDATE', 2],
      ['UPDATE', 3],
    ]);
  });

  it('records network errors and timeouts as temporary failures', async () => {
    fake.respondNext({ status: 200, delayMs: 2_000 });
    const slow = await startSyncApp(fake, { env: { EXTERNAL_SYNC_TIMEOUT: '100ms' } });
    const down = await startSyncApp(await closedPortUrl());
    try {
      await slow.t.as('MTY').post('/items').send({ id: 'slow-1' }).expect(200);
      await down.t.as('MTY').post('/items').send({ id: 'down-1' }).expect(200);
      expect(await slow.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(await down.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });
      expect((await slow.failures())[0]).toMatchObject({
        error: 'Timed out after 100ms',
        retryCount: 0,
        nextRetryAt: expect.any(Date),
      });
      expect((await down.failures())[0]).toMatchObject({
        error: expect.stringMatching(/^Network error: .*ECONNREFUSED/),
        nextRetryAt: expect.any(Date),
      });
    } finally {
      await slow.t.close();
      await down.t.close();
    }
  });
});

import { FakeExternalSystem } from './fake-external-system';
import { MINUTE, startSyncApp, SyncApp, useSyncApp } from './sync-test-kit';

/** The retry job: backoff 5m/15m/30m (± 10% jitter), maximum, manual retry, and what a retry sends. */
describe('Sync retries', () => {
  let fake: FakeExternalSystem;
  let app: SyncApp;

  useSyncApp((suite) => ({ fake, app } = suite));

  /** A record whose first delivery fails with a 500. */
  async function failedCreate(id: string, fields: Record<string, unknown> = {}): Promise<string> {
    fake.respondNext({ status: 500 });
    const created = await app.t
      .as('MTY')
      .post('/items')
      .send({ id, ...fields })
      .expect(200);
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });
    return created.body.operation_id;
  }

  /** Moves the clock to just before the earliest the retry may be due (jitter -10%), checks nothing happens, then past the latest (+10%). */
  async function waitOut(stepMs: number): Promise<void> {
    const before = fake.received.length;
    app.clock.advance(stepMs * 0.9 - 1000);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 });
    expect(fake.received).toHaveLength(before);
    app.clock.advance(stepMs * 0.2 + 2000);
  }

  it('flaky: fails twice, then the second retry delivers and deletes the row', async () => {
    const operationId = await failedCreate('flaky-1', { total: 1 });
    expect((await app.failures())[0].retryCount).toBe(0);

    await waitOut(5 * MINUTE);
    fake.respondNext({ status: 500 });
    expect(await app.retry.retryDue()).toEqual({ attempted: 1, delivered: 0, failed: 1, refused: 0 });
    const [afterFirst] = await app.failures();
    expect(afterFirst).toMatchObject({
      retryCount: 1,
      lastRetryAt: app.clock.now(),
      error: 'HTTP 500: Internal Server Error',
    });

    await waitOut(15 * MINUTE);
    expect(await app.retry.retryDue()).toEqual({ attempted: 1, delivered: 1, failed: 0, refused: 0 });
    expect(await app.failures()).toEqual([]);
    expect(fake.received.map((r) => [r.idempotencyKey, r.status])).toEqual([
      [operationId, 500],
      [operationId, 500],
      [operationId, 200],
    ]);
  });

  it('moves through retry_count 0 → 1 → 2 on the 5m/15m/30m schedule and the last allowed retry deletes it', async () => {
    await failedCreate('flaky-2');
    fake.respondAlways({ status: 502 });
    await waitOut(5 * MINUTE);
    await app.retry.retryDue();
    await waitOut(15 * MINUTE);
    await app.retry.retryDue();
    expect((await app.failures())[0]).toMatchObject({ retryCount: 2, error: 'HTTP 502: Bad Gateway' });

    fake.respondAlways({ status: 200 });
    await waitOut(30 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ delivered: 1 });
    expect(await app.failures()).toEqual([]);
  });

  it('always failing: stops at the maximum, shows as critical, and a manual retry delivers once the receiver recovers', async () => {
    await failedCreate('down-1', { total: 3 });
    fake.respondAlways({ status: 500 });
    for (const step of [5, 15, 30]) {
      await waitOut(step * MINUTE);
      await app.retry.retryDue();
    }
    const [exhausted] = await app.failures();
    expect(exhausted).toMatchObject({ retryCount: 3, nextRetryAt: null });

    app.clock.advance(3 * 24 * 60 * MINUTE);
    const requests = fake.received.length;
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 });
    expect(fake.received).toHaveLength(requests);

    const critical = await app.t.as('admin').get('/sync-failures/critical').expect(200);
    expect(critical.body).toMatchObject({ total: 1, items: [{ id: exhausted.id, retry_count: 3, critical: true }] });

    const stillDown = await app.t.as('admin').post(`/sync-failures/${exhausted.id}/retry`).expect(200);
    expect(stillDown.body).toMatchObject({
      outcome: 'manual_intervention',
      error: 'HTTP 500: Internal Server Error',
      failure: { retry_count: 4, next_retry_at: null },
    });

    fake.respondAlways({ status: 200 });
    const recovered = await app.t.as('admin').post(`/sync-failures/${exhausted.id}/retry`).expect(200);
    expect(recovered.body).toEqual({ id: exhausted.id, outcome: 'delivered', error: null, failure: null });
    expect(await app.failures()).toEqual([]);
    await app.t.as('admin').get(`/sync-failures/${exhausted.id}`).expect(404);
    expect(fake.received.at(-1)!.body).toMatchObject({
      action: 'CREATE',
      payload: { _hash_id: 'down-1', _ver: 1, total: 3 },
    });
  });

  it('a permanent refusal on a retry stops the retries with the reason', async () => {
    await failedCreate('refused-1');
    await waitOut(5 * MINUTE);
    fake.respondNext({ status: 409, body: 'duplicate sale' });
    expect(await app.retry.retryDue()).toMatchObject({ refused: 1 });
    expect((await app.failures())[0]).toMatchObject({
      retryCount: 1,
      nextRetryAt: null,
      error: 'HTTP 409: Conflict - duplicate sale',
    });
  });

  it('honours Retry-After on a retry when it is longer than the next backoff step', async () => {
    await failedCreate('busy-1');
    await waitOut(5 * MINUTE);
    const retryAt = new Date(app.clock.now().getTime() + 2 * 60 * MINUTE);
    fake.respondNext({ status: 429, headers: { 'Retry-After': retryAt.toUTCString() } });
    await app.retry.retryDue();
    expect((await app.failures())[0]).toMatchObject({
      retryCount: 1,
      error: 'HTTP 429: Too Many Requests',
      nextRetryAt: new Date(Math.floor(retryAt.getTime() / 1000) * 1000),
    });

    app.clock.advance(2 * 60 * MINUTE - 2000);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 });
    app.clock.advance(2000);
    expect(await app.retry.retryDue()).toMatchObject({ delivered: 1 });
  });

  it('sends a DELETE when the record was deleted before the retry', async () => {
    const operationId = await failedCreate('gone-1', { total: 1 });
    await app.t.as('MTY').delete('/items/gone-1').expect(200);
    await waitOut(5 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ delivered: 1 });
    expect(fake.received.at(-1)).toMatchObject({
      idempotencyKey: operationId,
      body: { action: 'DELETE', entity_id: 'MTY_001:gone-1', payload: { _hash_id: 'gone-1' } },
    });
    // Then the DELETE operation itself, held back until now, goes out.
    await app.drainOutbox();
    expect(fake.received.at(-1)!.body).toMatchObject({ action: 'DELETE', payload: { _hash_id: 'gone-1', _ver: 1 } });
  });

  it('sends the current row when the record was updated before the retry', async () => {
    await failedCreate('changed-1', { total: 1, note: 'first' });
    await app.t.as('MTY').put('/items/changed-1').send({ ver: 2, total: 2 }).expect(200);
    await waitOut(5 * MINUTE);
    fake.respondNext({ status: 500 });
    await app.retry.retryDue();
    const [failure] = await app.failures();
    expect(failure).toMatchObject({ action: 'CREATE', retryCount: 1 });
    expect(JSON.parse(failure.payload!)).toEqual({ _hash_id: 'changed-1', _ver: 2, total: 2 });
    expect(fake.received.at(-1)!.body).toMatchObject({
      action: 'CREATE',
      payload: { _hash_id: 'changed-1', _ver: 2, total: 2 },
    });
  });

  it('sends a CREATE when a recorded DELETE finds the record back', async () => {
    await app.t.as('MTY').post('/items').send({ id: 'back-1', total: 1 }).expect(200);
    await app.drainOutbox();
    fake.respondNext({ status: 500 });
    await app.t.as('MTY').delete('/items/back-1').expect(200);
    await app.drainOutbox();
    // Brought back by a newer version (the tombstone ignores older writes).
    await app.t.as('MTY').post('/items').send({ id: 'back-1', ver: 2, total: 9 }).expect(200);
    await waitOut(5 * MINUTE);
    await app.retry.retryDue();
    expect(fake.received.at(-1)!.body).toMatchObject({ action: 'CREATE', payload: { _hash_id: 'back-1', total: 9 } });
  });

  it('drains a backlog larger than one batch in a single run', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => ({ operation: 'CREATE', record: { id: `many-${i}` } }));
    fake.respondAlways({ status: 500 });
    await app.t.as('MTY').post('/tables/venta/batch').send({ operations: batch }).expect(200);
    await app.drainOutbox();
    fake.respondAlways({ status: 200 });
    app.clock.advance(6 * MINUTE);
    const retry = await startSyncApp(fake, {
      database: app.t.database,
      clock: app.clock,
      env: { SYNC_RETRY_BATCH_SIZE: '4', SYNC_RETRY_CONCURRENCY: '3' },
    });
    try {
      expect(await retry.retry.retryDue()).toEqual({ attempted: 30, delivered: 30, failed: 0, refused: 0 });
      expect(await app.failures()).toEqual([]);
    } finally {
      await retry.t.close();
    }
  });
});

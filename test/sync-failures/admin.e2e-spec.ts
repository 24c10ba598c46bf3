import { createTestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { FakeExternalSystem } from './fake-external-system';
import { insertFailure, MINUTE, SyncApp, useSyncApp } from './sync-test-kit';

/** /sync-failures: auth, validation, listing and manual intervention, on rows made for the purpose. */
describe('Sync failures admin API', () => {
  let fake: FakeExternalSystem;
  let app: SyncApp;
  let now: Date;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  /** A failure no retry is scheduled for: exhausted (retry_count at the maximum) or refused (`error`, 422 say). */
  const exhaustedFailure = (recordId: string, age: number) =>
    insertFailure(app.t, { createdAt: ago(age), recordId, retryCount: 3, nextRetryAt: null });
  const refusedFailure = (recordId: string, age: number, error = 'HTTP 500: Internal Server Error') =>
    insertFailure(app.t, { createdAt: ago(age), recordId, retryCount: 0, nextRetryAt: null, error });

  useSyncApp((suite) => {
    ({ fake, app } = suite);
    now = app.clock.now();
  });

  const ROUTES: [string, string][] = [
    ['get', '/sync-failures'],
    ['get', '/sync-failures/critical'],
    ['get', '/sync-failures/stats'],
    ['get', '/sync-failures/alerts'],
    ['get', '/sync-failures/abc'],
    ['post', '/sync-failures/abc/retry'],
    ['post', '/sync-failures/retry'],
    ['delete', '/sync-failures/abc'],
  ];

  it.each(ROUTES)('%s %s answers 401 without the admin token, even with a client key', async (method, path) => {
    const anonymous = await app.t.as('anonymous')[method as 'get'](path).expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await app.t.as('MTY')[method as 'get'](path).expect(401);
  });

  it.each([
    '/sync-failures?critical=maybe',
    '/sync-failures?page=0',
    '/sync-failures?page=abc',
    '/sync-failures?limit=501',
    '/sync-failures?limit=1.5',
    '/sync-failures?entity_type=',
    '/sync-failures?entity_type=SALE&entity_type=RETURN',
    '/sync-failures?unknown=1',
    '/sync-failures/critical?limit=0',
    '/sync-failures/not%20an%20id',
  ])('GET %s answers 400', async (path) => {
    const { body } = await app.t.as('admin').get(path).expect(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
  });

  it.each([{ critical: 'yes' }, { entity_id: 5 }, { status: 'x' }])(
    'POST /sync-failures/retry with %p answers 400',
    async (body) => {
      await app.t.as('admin').post('/sync-failures/retry').send(body).expect(400);
    },
  );

  it.each(['null', '[]', '"x"'])('POST /sync-failures/retry with the JSON body %s answers 400', async (body) => {
    const res = await app.t
      .as('admin')
      .post('/sync-failures/retry')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(res.body.message).toBe('The body must be a JSON object');
  });

  it('POST /sync-failures/retry with no body at all matches every failure', async () => {
    await app.t.as('admin').post('/sync-failures/retry').expect(200);
  });

  it.each([
    ['get', '/sync-failures/no-such-id'],
    ['post', '/sync-failures/no-such-id/retry'],
    ['delete', '/sync-failures/no-such-id'],
  ])('%s %s answers 404 JSON', async (method, path) => {
    const { body } = await app.t.as('admin')[method as 'get'](path).expect(404);
    expect(body).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'Sync failure no-such-id not found' });
  });

  it('lists newest first with filters and pagination, and shows one failure by id', async () => {
    const old = await insertFailure(app.t, { createdAt: ago(30 * MINUTE), recordId: 'a1', entityType: 'SALE' });
    const mid = await insertFailure(app.t, {
      createdAt: ago(20 * MINUTE),
      recordId: 'a2',
      entityType: 'RETURN',
      tableName: 'devolucion',
    });
    const exhausted = await exhaustedFailure('a3', 10 * MINUTE);
    const refused = await refusedFailure('a4', 5 * MINUTE, 'HTTP 422: Unprocessable Entity');
    const get = async (query: string) => (await app.t.as('admin').get(`/sync-failures${query}`).expect(200)).body;

    expect((await get('')).items.map((i: { id: string }) => i.id)).toEqual([refused.id, exhausted.id, mid.id, old.id]);
    expect(await get('?limit=2&page=2')).toMatchObject({
      total: 4,
      page: 2,
      limit: 2,
      items: [{ id: mid.id }, { id: old.id }],
    });
    expect((await get('?entity_type=RETURN')).items).toEqual([
      expect.objectContaining({ id: mid.id, entity_type: 'RETURN' }),
    ]);
    expect((await get('?entity_id=MTY_001:a1')).items).toEqual([expect.objectContaining({ id: old.id })]);
    expect((await get('?critical=true')).items.map((i: { id: string }) => i.id)).toEqual([refused.id, exhausted.id]);
    expect((await get('?critical=false')).items.map((i: { id: string }) => i.id)).toEqual([mid.id, old.id]);
    expect((await get('/critical?limit=1')).items.map((i: { id: string }) => i.id)).toEqual([refused.id]);

    const one = await app.t.as('admin').get(`/sync-failures/${old.id}`).expect(200);
    expect(one.body).toEqual({
      id: old.id,
      entity_type: 'SALE',
      entity_id: 'MTY_001:a1',
      action: 'CREATE',
      error: 'HTTP 500: Internal Server Error',
      payload: { _hash_id: 'a1', _ver: 1 },
      retry_count: 0,
      last_retry_at: null,
      next_retry_at: ago(25 * MINUTE).toISOString(),
      critical: false,
      client_id: 'MTY_001',
      table_name: 'venta',
      record_id: 'a1',
      operation_id: null,
      device_id: null, // no operation to name one
      created_at: ago(30 * MINUTE).toISOString(),
      updated_at: ago(30 * MINUTE).toISOString(),
    });
  });

  it('POST /sync-failures/retry makes matching rows due now; a row at the maximum gets exactly one more attempt', async () => {
    const exhausted = await exhaustedFailure('r1', 60 * MINUTE);
    const refused = await refusedFailure('r2', 60 * MINUTE);
    const later = await insertFailure(app.t, { createdAt: ago(1 * MINUTE), recordId: 'r3' });

    const { body } = await app.t.as('admin').post('/sync-failures/retry').send({ critical: true }).expect(200);
    expect(body).toEqual({ scheduled: 2, next_retry_at: now.toISOString() });
    expect(await app.t.prisma.syncFailure.findUnique({ where: { id: later.id } })).toMatchObject({
      nextRetryAt: later.nextRetryAt,
    });

    fake.respondAlways({ status: 500 });
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 2, failed: 2 });
    const rows = await app.failures();
    expect(rows.find((r) => r.id === exhausted.id)).toMatchObject({ retryCount: 4, nextRetryAt: null });
    // A refused row had retries left: back on the schedule, 15m ± 10% after this attempt.
    const retried = rows.find((r) => r.id === refused.id)!;
    expect(retried.retryCount).toBe(1);
    expect(retried.nextRetryAt!.getTime() - now.getTime()).toBeGreaterThanOrEqual(13.5 * MINUTE);
    expect(retried.nextRetryAt!.getTime() - now.getTime()).toBeLessThanOrEqual(16.5 * MINUTE);
    // These records have no row and no tombstone (lost, not deleted): each retry resent what was
    // recorded, never a DELETE that no client made.
    expect(fake.received.map((r) => r.body.action)).toEqual(['CREATE', 'CREATE']);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 });
  });

  it('DELETE /sync-failures/:id discards the failure and answers it', async () => {
    const row = await insertFailure(app.t, { createdAt: ago(MINUTE), recordId: 'd1' });
    const { body } = await app.t.as('admin').delete(`/sync-failures/${row.id}`).expect(200);
    expect(body).toMatchObject({ id: row.id, entity_id: 'MTY_001:d1' });
    await app.t.as('admin').get(`/sync-failures/${row.id}`).expect(404);
  });

  it('POST /sync-failures/:id/retry answers 409 when EXTERNAL_SYNC_URL is not set', async () => {
    const row = await insertFailure(app.t, { createdAt: ago(MINUTE), recordId: 'n1' });
    const plain = await createTestApp({ module: (config) => ApiModule.register(config), database: app.t.database });
    try {
      await plain.as('admin').post(`/sync-failures/${row.id}/retry`).expect(409);
    } finally {
      await plain.close();
    }
  });
});

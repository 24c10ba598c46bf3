import { Clock, ManualClock } from '@app/common';
import { DatabaseKeys } from '@app/credentials';
import { createTestApp, TEST_ADMIN_TOKEN, TEST_CLIENTS, TestApp } from '@app/testing';
import request from 'supertest';
import { apiWithWhoAmI, bearer, issueKey, whoami } from './credentials-kit';

/** Keys kept in the database: issued, used next to API_KEYS, rotated with overlap, expired, revoked. */
describe('Client keys in the database', () => {
  const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));
  let t: TestApp;
  const admin = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp({
      module: apiWithWhoAmI,
      overrides: [{ provide: Clock, useValue: clock }],
      env: { AUTH_FAILURE_LIMIT: '0' },
    });
  });
  afterAll(() => t.close());

  it('issues a key shown once, stored as a hash only, that acts for its store', async () => {
    const issued = await issueKey(t, { client_id: 'GDL_002', label: 'Guadalajara back office' });
    expect(issued.key).toMatch(new RegExp(`^rsk_${issued.id}_[A-Za-z0-9_-]{43}$`));
    expect(issued).toMatchObject({ client_id: 'GDL_002', device_id: null, status: 'active', expires_at: null });

    expect((await whoami(t, issued.key).expect(200)).body).toEqual({ clientId: 'GDL_002', deviceId: null });
    // A real route: the record is the key's store's.
    await request(t.app.getHttpServer())
      .post('/items')
      .set(bearer(issued.key))
      .send({ id: 'db-key-1', total: 1 })
      .expect(200);
    const stored = await t.prisma.venta.findMany({ where: { hashId: 'db-key-1' }, select: { clientId: true } });
    expect(stored).toEqual([{ clientId: 'GDL_002' }]);

    const row = await t.prisma.clientKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(Buffer.from(row.keyHash).toString('hex')).toHaveLength(64);
    expect(JSON.stringify(row)).not.toContain(issued.key.slice(20));
    const listed = await admin().get('/client-keys?client_id=GDL_002').set(bearer(TEST_ADMIN_TOKEN)).expect(200);
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ id: issued.id, prefix: `rsk_${issued.id}_`, label: 'Guadalajara back office' }],
    });
    expect(JSON.stringify(listed.body)).not.toContain(issued.key);
    expect(
      JSON.stringify((await admin().get(`/client-keys/${issued.id}`).set(bearer(TEST_ADMIN_TOKEN))).body),
    ).not.toContain(issued.key);
  });

  it('accepts API_KEYS keys and database keys side by side', async () => {
    const issued = await issueKey(t, { client_id: 'MTY_001' });
    expect((await whoami(t, TEST_CLIENTS.MTY.key).expect(200)).body.clientId).toBe('MTY_001');
    expect((await whoami(t, TEST_CLIENTS.GDL.key).expect(200)).body.clientId).toBe('GDL_002');
    expect((await whoami(t, issued.key).expect(200)).body.clientId).toBe('MTY_001');
  });

  it('puts the device of a device key on the request, and refuses another device named in X-Device-Id', async () => {
    const till = await issueKey(t, { client_id: 'MTY_001', device_id: 'till-2' });
    expect((await whoami(t, till.key).expect(200)).body).toEqual({ clientId: 'MTY_001', deviceId: 'till-2' });
    expect((await whoami(t, till.key, { 'X-Device-Id': 'till-2' }).expect(200)).body.deviceId).toBe('till-2');

    const refused = await whoami(t, till.key, { 'X-Device-Id': 'till-3' }).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'device_mismatch' });
    // On a real route too, and nothing is written.
    await request(t.app.getHttpServer())
      .post('/items')
      .set({ ...bearer(till.key), 'X-Device-Id': 'till-3' })
      .send({ id: 'device-mismatch', total: 1 })
      .expect(403);
    expect(await t.prisma.syncOperation.count({ where: { recordId: 'device-mismatch' } })).toBe(0);
    // A store's key names no device: the header does (docs/multi-device.md), and without it there is none.
    expect((await whoami(t, TEST_CLIENTS.MTY.key, { 'X-Device-Id': 'till-3' }).expect(200)).body.deviceId).toBe(
      'till-3',
    );
    expect((await whoami(t, TEST_CLIENTS.MTY.key).expect(200)).body.deviceId).toBeNull();
  });

  it("records a device key's device in the operation log, with or without the header naming it", async () => {
    const till = await issueKey(t, { client_id: 'MTY_001', device_id: 'till-4' });
    const server = request(t.app.getHttpServer());
    await server.post('/items').set(bearer(till.key)).send({ id: 'by-device-key', total: 1 }).expect(200);
    await server
      .put('/items/by-device-key')
      .set({ ...bearer(till.key), 'X-Device-Id': 'till-4' })
      .send({ total: 2, ver: 2 })
      .expect(200);
    const logged = await t.prisma.syncOperation.findMany({
      where: { recordId: 'by-device-key' },
      orderBy: { id: 'asc' },
      select: { operation: true, deviceId: true },
    });
    expect(logged).toEqual([
      { operation: 'CREATE', deviceId: 'till-4' },
      { operation: 'UPDATE', deviceId: 'till-4' },
    ]);
  });

  it('rotates with overlap: both keys work during the grace period, then only the new one', async () => {
    const old = await issueKey(t, { client_id: 'MTY_001', device_id: 'till-9', label: 'till 9' });
    const rotated = await admin()
      .post(`/client-keys/${old.id}/rotate`)
      .set(bearer(TEST_ADMIN_TOKEN))
      .send({ grace_seconds: 3600 })
      .expect(201);
    const next = rotated.body.key;
    expect(next).toMatchObject({ client_id: 'MTY_001', device_id: 'till-9', label: 'till 9', status: 'active' });
    expect(next.key).not.toBe(old.key);
    expect(rotated.body.previous).toMatchObject({
      id: old.id,
      replaced_by: next.id,
      expires_at: '2026-12-07T11:00:00.000Z',
      status: 'active',
    });

    expect((await whoami(t, old.key).expect(200)).body.deviceId).toBe('till-9');
    expect((await whoami(t, next.key).expect(200)).body.deviceId).toBe('till-9');

    clock.advance(3600_000);
    expect((await whoami(t, old.key).expect(401)).body).toMatchObject({
      code: 'key_expired',
      message: 'This key expired',
    });
    await whoami(t, next.key).expect(200);
    clock.set(new Date('2026-12-07T10:00:00Z'));
  });

  it('uses CLIENT_KEY_ROTATE_GRACE (24 h) when the rotation names no grace period, and refuses to rotate a revoked key', async () => {
    const old = await issueKey(t, { client_id: 'MTY_001' });
    const rotated = await admin().post(`/client-keys/${old.id}/rotate`).set(bearer(TEST_ADMIN_TOKEN)).expect(201);
    expect(rotated.body.previous.expires_at).toBe('2026-12-08T10:00:00.000Z');

    await admin().post(`/client-keys/${rotated.body.key.id}/revoke`).set(bearer(TEST_ADMIN_TOKEN)).expect(200);
    const refused = await admin()
      .post(`/client-keys/${rotated.body.key.id}/rotate`)
      .set(bearer(TEST_ADMIN_TOKEN))
      .expect(409);
    expect(refused.body.message).toContain('revoked or expired');
    await admin().post('/client-keys/nosuchkey123/rotate').set(bearer(TEST_ADMIN_TOKEN)).expect(404);
  });

  it('refuses an expired key with 401 key_expired, never a 500', async () => {
    const issued = await issueKey(t, { client_id: 'GDL_002', expires_in_seconds: 60 });
    await whoami(t, issued.key).expect(200);
    clock.advance(60_000);
    const refused = await whoami(t, issued.key).expect(401);
    expect(refused.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'This key expired',
      code: 'key_expired',
      requestId: expect.any(String),
    });
    const listed = await admin()
      .get('/client-keys?client_id=GDL_002&include_inactive=true')
      .set(bearer(TEST_ADMIN_TOKEN));
    expect(listed.body.items.find((k: { id: string }) => k.id === issued.id).status).toBe('expired');
    const active = await admin().get('/client-keys?client_id=GDL_002').set(bearer(TEST_ADMIN_TOKEN));
    expect(active.body.items.map((k: { id: string }) => k.id)).not.toContain(issued.id);
    clock.set(new Date('2026-12-07T10:00:00Z'));
  });

  it('refuses a revoked key with 401 key_revoked at once; revoking twice keeps the first time', async () => {
    const issued = await issueKey(t, { client_id: 'MTY_001', device_id: 'till-stolen' });
    await whoami(t, issued.key).expect(200);
    const revoked = await admin().post(`/client-keys/${issued.id}/revoke`).set(bearer(TEST_ADMIN_TOKEN)).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revoked_at: '2026-12-07T10:00:00.000Z' });
    expect((await whoami(t, issued.key).expect(401)).body).toMatchObject({ code: 'key_revoked' });

    clock.advance(1000);
    const again = await admin().post(`/client-keys/${issued.id}/revoke`).set(bearer(TEST_ADMIN_TOKEN)).expect(200);
    expect(again.body.revoked_at).toBe('2026-12-07T10:00:00.000Z');
    await admin().post('/client-keys/nosuchkey123/revoke').set(bearer(TEST_ADMIN_TOKEN)).expect(404);
    clock.set(new Date('2026-12-07T10:00:00Z'));
  });

  it('answers an unknown key exactly like an unknown API_KEYS key, whatever store it names', async () => {
    const body = async (secret: string) => {
      const answer = await whoami(t, secret).expect(401);
      const { requestId, ...rest } = answer.body;
      expect(requestId).toEqual(expect.any(String));
      return rest;
    };
    const expected = { statusCode: 401, error: 'Unauthorized', message: 'Unknown client key' };
    expect(await body('rsk_nosuchkey123_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toEqual(expected);
    expect(await body('not-a-key-at-all')).toEqual(expected);
  });

  it('records last use without a write per request: in memory, then one flush', async () => {
    const issued = await issueKey(t, { client_id: 'GDL_002', label: 'last use' });
    for (let i = 0; i < 3; i++) await whoami(t, issued.key).expect(200);
    const before = await t.prisma.clientKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(before.lastUsedAt).toBeNull();
    await t.get<DatabaseKeys>(DatabaseKeys).flush();
    const after = await t.prisma.clientKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(after.lastUsedAt?.toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('refuses bad admin input with 400 and writes nothing', async () => {
    const count = await t.prisma.clientKey.count();
    for (const body of [
      {},
      { client_id: 'bad id' },
      { client_id: 'MTY_001', device_id: 'till 2' },
      { client_id: 'MTY_001', expires_in_seconds: 1 },
      { client_id: 'MTY_001', secret: 'x' },
    ])
      await admin().post('/client-keys').set(bearer(TEST_ADMIN_TOKEN)).send(body).expect(400);
    await admin().post('/client-keys').set(bearer(TEST_CLIENTS.MTY.key)).send({ client_id: 'MTY_001' }).expect(401);
    await admin().get('/client-keys/BAD!').set(bearer(TEST_ADMIN_TOKEN)).expect(400);
    expect(await t.prisma.clientKey.count()).toBe(count);
  });
});

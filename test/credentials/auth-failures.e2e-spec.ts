import { createTestApp, TEST_ADMIN_TOKEN, TEST_CLIENTS, TestApp } from '@app/testing';
import request from 'supertest';
import { sample } from '../metrics/metrics-text';
import { apiWithWhoAmI, bearer, issueKey, whoami } from './credentials-kit';

const UNKNOWN_DATABASE_KEY = 'rsk_nosuchkey123_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

/** Failed authentications: counted by reason, and an address with too many is braked (per instance). */
describe('Failed authentications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ module: apiWithWhoAmI, env: { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW: '1m' } });
  });
  afterAll(() => t.close());

  const metrics = async () => (await t.as('admin').get('/metrics').expect(200)).text;

  it('brakes an address after AUTH_FAILURE_LIMIT failures: keys it would look up get 429, known keys still pass', async () => {
    const known = await issueKey(t, { client_id: 'GDL_002' });
    const revoked = await issueKey(t, { client_id: 'MTY_001' });
    await request(t.app.getHttpServer())
      .post(`/client-keys/${revoked.id}/revoke`)
      .set(bearer(TEST_ADMIN_TOKEN))
      .expect(200);
    // Each change empties the cache when its notification arrives: let it arrive, then cache `known`.
    await new Promise((r) => setTimeout(r, 300));
    await whoami(t, known.key).expect(200);

    expect((await whoami(t, revoked.key).expect(401)).body.code).toBe('key_revoked');
    await whoami(t, 'wrong-key-0001').expect(401);
    await whoami(t, UNKNOWN_DATABASE_KEY).expect(401);

    const braked = await whoami(t, UNKNOWN_DATABASE_KEY.replace('B', 'C')).expect(429);
    expect(braked.body).toMatchObject({ statusCode: 429, code: 'too_many_failures' });
    expect(Number(braked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(braked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Known without a lookup: API_KEYS and what this instance cached.
    await whoami(t, TEST_CLIENTS.MTY.key).expect(200);
    await whoami(t, known.key).expect(200);
    // Another address is not braked (behind a proxy, the address X-Forwarded-For names).
    await whoami(t, UNKNOWN_DATABASE_KEY.replace('B', 'D'), { 'X-Forwarded-For': '203.0.113.7' }).expect(401);

    const text = await metrics();
    expect(sample(text, 'resync_auth_failures_total', { reason: 'key_revoked' })).toBe(1);
    expect(sample(text, 'resync_auth_failures_total', { reason: 'unknown_key' })).toBe(3);
    expect(sample(text, 'resync_auth_failures_total', { reason: 'too_many_failures' })).toBe(1);
  });

  it('counts a missing key without braking for it', async () => {
    const before = sample(await metrics(), 'resync_auth_failures_total', { reason: 'missing' }) ?? 0;
    const answer = await request(t.app.getHttpServer())
      .get('/test-whoami')
      .set('X-Forwarded-For', '198.51.100.1')
      .expect(401);
    expect(answer.body.message).toBe('Missing "Authorization: Bearer <client key>" header');
    expect(answer.body.code).toBeUndefined();
    expect(sample(await metrics(), 'resync_auth_failures_total', { reason: 'missing' })).toBe(before + 1);
  });
});

import { DatabaseKeys } from '@app/credentials';
import { createTestInstances, TEST_ADMIN_TOKEN, TestApp, TestInstances } from '@app/testing';
import request from 'supertest';
import { apiWithWhoAmI, bearer, issueKey, whoami, within } from './credentials-kit';

const revoke = (t: TestApp, id: string) =>
  request(t.app.getHttpServer()).post(`/client-keys/${id}/revoke`).set(bearer(TEST_ADMIN_TOKEN)).expect(200);

/** Two instances on one database: a revocation on one is refused by the other within moments. */
describe('Client keys across instances', () => {
  describe('with LISTEN/NOTIFY (a cache TTL of an hour, so only the notification can explain it)', () => {
    let instances: TestInstances;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      instances = await createTestInstances(2, { module: apiWithWhoAmI, env: { CLIENT_KEY_CACHE_TTL: '1h' } });
      [a, b] = instances.apps;
    });
    afterAll(() => instances.close());

    it('a key issued on one instance works on the other; revoked on one, the other refuses it within a second', async () => {
      const issued = await issueKey(a, { client_id: 'MTY_001', device_id: 'till-1' });
      expect((await whoami(b, issued.key).expect(200)).body).toEqual({ clientId: 'MTY_001', deviceId: 'till-1' });
      await whoami(b, issued.key).expect(200); // now cached on b

      await revoke(a, issued.id);
      const took = await within(1000, async () => (await whoami(b, issued.key)).status === 401);
      expect((await whoami(b, issued.key)).body.code).toBe('key_revoked');
      expect(took).toBeLessThan(1000);
    });

    it('a rotation on one instance lets the new key in on the other at once', async () => {
      const old = await issueKey(a, { client_id: 'GDL_002' });
      await whoami(b, old.key).expect(200);
      const rotated = await request(a.app.getHttpServer())
        .post(`/client-keys/${old.id}/rotate`)
        .set(bearer(TEST_ADMIN_TOKEN))
        .send({ grace_seconds: 0 })
        .expect(201);
      await whoami(b, rotated.body.key.key).expect(200);
      await within(1000, async () => (await whoami(b, old.key)).status === 401);
      expect((await whoami(b, old.key)).body.code).toBe('key_expired');
    });
  });

  describe('when an instance has lost its LISTEN connection', () => {
    let instances: TestInstances;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      instances = await createTestInstances(2, { module: apiWithWhoAmI, env: { CLIENT_KEY_CACHE_TTL: '1s' } });
      [a, b] = instances.apps;
      await b.get<DatabaseKeys>(DatabaseKeys).stopListening();
    });
    afterAll(() => instances.close());

    it('still refuses a revoked key once its cache entry is older than CLIENT_KEY_CACHE_TTL', async () => {
      const issued = await issueKey(a, { client_id: 'MTY_001' });
      await whoami(b, issued.key).expect(200);
      await revoke(a, issued.id);
      // b has not heard: what it cached stands until the TTL runs out, then it reads the revocation.
      await whoami(b, issued.key).expect(200);
      const took = await within(3000, async () => (await whoami(b, issued.key)).status === 401);
      expect(took).toBeGreaterThan(0);
      expect((await whoami(b, issued.key)).body.code).toBe('key_revoked');
    });
  });
});

import { recordId, TEST_ADMIN_TOKEN, TestApp, TestDatabase } from '@app/testing';
import request from 'supertest';
import { apiWithWhoAmI, bearer, issueKey, whoami, within } from '../credentials/credentials-kit';
import { createCitusDatabase, startCitusApp } from './citus-kit';

/** Client keys kept in the database, on Citus: issued, used, rotated, revoked, seen by two instances. */
describe('Credentials from the database on Citus', () => {
  let database: TestDatabase;
  let apps: TestApp[];
  beforeAll(async () => {
    database = await createCitusDatabase();
    apps = [];
    for (let n = 0; n < 2; n++)
      apps.push(await startCitusApp(database, { module: apiWithWhoAmI, env: { AUTH_FAILURE_LIMIT: '0' } }));
  });
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await database?.drop();
  });
  const admin = (t: TestApp) => request(t.app.getHttpServer());

  it('issues a key that acts for its store on both instances, for writes and status', async () => {
    const [a, b] = apps;
    const issued = await issueKey(a, { client_id: 'GDL_002', label: 'Guadalajara back office' });
    for (const t of apps)
      expect((await whoami(t, issued.key).expect(200)).body).toEqual({ clientId: 'GDL_002', deviceId: null });
    const id = recordId('key');
    await admin(b).post('/items').set(bearer(issued.key)).send({ id, total: 1 }).expect(200);
    expect(
      (await admin(a).post('/records').set(bearer(issued.key)).send({ hash_id: id }).expect(200)).body,
    ).toMatchObject({ status: 'COMPLETED', data: { _hash_id: id } });
    const listed = await admin(b).get('/client-keys?client_id=GDL_002').set(bearer(TEST_ADMIN_TOKEN)).expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: issued.id, label: 'Guadalajara back office' }] });
  });

  it('rotates a key and revokes it: refused with 401 key_revoked by both instances', async () => {
    const [a, b] = apps;
    const old = await issueKey(a, { client_id: 'MTY_001', device_id: 'till-9' });
    const rotated = await admin(a)
      .post(`/client-keys/${old.id}/rotate`)
      .set(bearer(TEST_ADMIN_TOKEN))
      .send({ grace_seconds: 3600 })
      .expect(201);
    expect(rotated.body.previous).toMatchObject({ id: old.id, replaced_by: rotated.body.key.id });
    for (const t of apps) {
      expect((await whoami(t, rotated.body.key.key).expect(200)).body).toEqual({
        clientId: 'MTY_001',
        deviceId: 'till-9',
      });
      await whoami(t, old.key).expect(200); // within the grace period
    }

    const issued = await issueKey(b, { client_id: 'MTY_001' });
    for (const t of apps) await whoami(t, issued.key).expect(200); // cached by both
    await admin(a).post(`/client-keys/${issued.id}/revoke`).set(bearer(TEST_ADMIN_TOKEN)).expect(200);
    // The other instance hears of it (LISTEN on the key channel) and drops its cached copy.
    await within(5_000, async () => (await whoami(b, issued.key)).status === 401);
    expect((await whoami(b, issued.key).expect(401)).body).toMatchObject({ code: 'key_revoked' });
    expect((await whoami(a, issued.key).expect(401)).body).toMatchObject({ code: 'key_revoked' });
  });
});

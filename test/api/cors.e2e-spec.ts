import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';

const ALLOWED = 'https://shop.example.com';
const OTHER = 'https://evil.example.net';

/** A browser client (issue 15) calls the API from another origin: only CORS_ORIGINS may. */
describe('CORS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { CORS_ORIGINS: `${ALLOWED},http://localhost:5173`, CORS_MAX_AGE: '15m' },
    });
  });
  afterAll(() => t.close());

  it('answers a preflight from an allowed origin with the allowed headers and a cache time, without a key', async () => {
    const response = await t
      .as('anonymous')
      .options('/items')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,prefer,x-device-id');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    const allowed = String(response.headers['access-control-allow-headers'])
      .toLowerCase()
      .split(/\s*,\s*/);
    // x-device-id: @resync/client sends its device with every request (docs/multi-device.md).
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'prefer', 'x-device-id']));
    expect(String(response.headers['access-control-allow-methods'])).toMatch(/POST/);
    expect(response.headers['access-control-max-age']).toBe('900');
  });

  it('lets an allowed origin read an answer, and the request id', async () => {
    const response = await t.as('MTY').post('/records').set('Origin', ALLOWED).send({ hash_id: 'cors-1' }).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(response.headers['access-control-expose-headers']).toLowerCase()).toContain('x-request-id');
    expect(response.body).toMatchObject({ hash_id: 'cors-1', status: 'NOT_FOUND' });
  });

  it('gives another origin no CORS headers, for preflights and requests', async () => {
    const preflight = await t
      .as('anonymous')
      .options('/items')
      .set('Origin', OTHER)
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const response = await t.as('MTY').post('/records').set('Origin', OTHER).send({ hash_id: 'cors-2' }).expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is off without CORS_ORIGINS', async () => {
    const plain = await createTestApp({ module: (config) => ApiModule.register(config), database: t.database });
    try {
      const response = await plain
        .as('anonymous')
        .options('/items')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'POST');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

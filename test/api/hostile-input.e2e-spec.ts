import { ApiModule } from '../../apps/api/src/api.module';
import { MAX_JSON_DEPTH } from '@app/platform';
import { createTestApp, TEST_CLIENTS, TestApp, TestDatabase, writtenCounts } from '@app/testing';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { freePort } from '../setup/free-port';

const LIMIT = 65_536;

/** Whatever a client or an attacker sends, the answer is a 4xx JSON error (never a 5xx) and nothing is written. */
describe('Hostile input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { BODY_LIMIT_BYTES: String(LIMIT) },
    });
  });
  afterAll(() => t.close());

  const counts = () => writtenCounts(t);
  const nested = (depth: number, leaf: unknown = 1): unknown => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  };
  /** Sends bytes exactly as given (supertest would JSON-encode a Buffer), injected without a socket. */
  const raw = async (path: string, body: Buffer | string, headers: Record<string, string>) => {
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: path,
        headers: {
          authorization: `Bearer ${TEST_CLIENTS.MTY.key}`,
          'content-type': 'application/json',
          ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        },
        payload: body,
      });
    return {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? '') },
      body: response.body ? JSON.parse(response.body) : undefined,
    };
  };

  async function expectRefused(
    response: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
    status: number,
    message: RegExp,
  ) {
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: expect.objectContaining({
        statusCode: status,
        message: expect.stringMatching(message),
        requestId: expect.any(String),
      }),
    });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  }

  describe('compressed bodies', () => {
    const record = JSON.stringify({ id: 'zipped-1', total: 5 });

    it.each([
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ])('accepts a valid %s body', async (encoding, compress) => {
      const response = await raw(
        '/items',
        compress(Buffer.from(JSON.stringify({ id: `zipped-${encoding}`, total: 5 }))),
        { 'Content-Encoding': encoding },
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'success', hash_id: `zipped-${encoding}` });
    });

    it.each([
      ['garbage as gzip', Buffer.from('definitely not gzip'), 'gzip'],
      ['a truncated gzip stream', gzipSync(Buffer.from(record)).subarray(0, 12), 'gzip'],
      ['garbage as deflate', Buffer.from('nope'), 'deflate'],
      ['a truncated brotli stream', brotliCompressSync(Buffer.from(record.repeat(50))).subarray(0, 10), 'br'],
    ])('refuses %s with 400 and writes nothing', async (_, body, encoding) => {
      const before = await counts();
      await expectRefused(await raw('/items', body, { 'Content-Encoding': encoding }), 400, /not valid .* data/);
      expect(await counts()).toEqual(before);
    });

    it('refuses an unknown encoding with 415', async () => {
      await expectRefused(
        await raw('/items', Buffer.from(record), { 'Content-Encoding': 'zstd' }),
        415,
        /Unsupported Content-Encoding/,
      );
    });

    it('refuses a small body that inflates past the limit with 413', async () => {
      const bomb = gzipSync(Buffer.from(JSON.stringify({ id: 'bomb', blob: 'x'.repeat(LIMIT * 20) })));
      expect(bomb.length).toBeLessThan(LIMIT);
      await expectRefused(
        await raw('/items', bomb, { 'Content-Encoding': 'gzip' }),
        413,
        /larger than the limit of 65536 bytes/,
      );
    });
  });

  describe('text', () => {
    it('refuses invalid UTF-8 with 400 instead of storing U+FFFD', async () => {
      const before = await counts();
      const body = Buffer.concat([
        Buffer.from('{"id":"utf-1","name":"caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]);
      await expectRefused(await raw('/items', body, {}), 400, /not valid UTF-8/);
      expect(await counts()).toEqual(before);
    });

    it('stores valid UTF-8 exactly as sent', async () => {
      await t.as('MTY').post('/items').send({ id: 'utf-2', name: 'café ☕ 𝄞' }).expect(200);
      const { body } = await t.as('MTY').post('/records').send({ hash_id: 'utf-2' }).expect(200);
      expect(body.data.name).toBe('café ☕ 𝄞');
    });

    it('refuses a charset other than UTF-8 with 415', async () => {
      await expectRefused(
        await raw('/items', '{"id":"latin"}', { 'Content-Type': 'application/json; charset=latin1' }),
        415,
        /charset/,
      );
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await t.as('MTY').post('/items').set('Content-Type', 'text/plain').send('id=1');
      await expectRefused(response, 415, /Content-Type/);
    });
  });

  describe('deep nesting', () => {
    it(`refuses a body nested deeper than ${MAX_JSON_DEPTH} levels with 400 and a clear message`, async () => {
      const before = await counts();
      const body = `{"id":"deep","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      await expectRefused(await raw('/items', body, {}), 400, /nested more than 1000 levels/);
      expect(await counts()).toEqual(before);
    });

    it('fails a deeply nested record alone in a batch; the others are written', async () => {
      const { body } = await t
        .as('MTY')
        .post('/tables/venta/batch')
        .send({
          operations: [
            { operation: 'CREATE', record: { id: 'shallow-1' } },
            { operation: 'CREATE', record: { id: 'deep-1', x: nested(900) } },
            { operation: 'CREATE', record: { id: 'shallow-2' } },
          ],
        })
        .expect(200);
      expect(body).toMatchObject({ completed: 2, failed: 1 });
      expect(body.results[1]).toMatchObject({
        id: 'deep-1',
        status: 'ERROR',
        error: expect.stringMatching(/nested more than 64 levels/),
      });
    });

    it('refuses a single deeply nested record with 400', async () => {
      await expectRefused(
        await t
          .as('MTY')
          .post('/items')
          .send({ id: 'deep-2', x: nested(900) }),
        400,
        /nested more than 64 levels/,
      );
    });

    it('answers a deeply nested admin body with 400, not 500', async () => {
      const response = await t
        .as('admin')
        .post('/sync-failures/retry')
        .send({ entity_type: 'SALE', x: nested(900) });
      expect(response.status).toBe(400);
    });
  });

  describe('numbers and filters', () => {
    it.each([
      ['a huge page', '/sync-failures?page=99999999999999999999', /page/],
      ['page beyond the maximum', '/sync-failures?page=1000001', /page/],
      ['a fractional limit', '/sync-failures/critical?limit=2.5', /limit/],
      ['an infinite limit', '/sync-failures?limit=1e400', /limit/],
      ['a NUL in entity_type', '/sync-failures?entity_type=SA%00LE', /control characters/],
      ['a NUL in entity_id', '/sync-failures?entity_id=MTY_001%3Aa%00b', /control characters/],
      ['a NUL in client_id', '/monitoring/missing-operations?client_id=MTY%00', /client_id/],
    ])('refuses %s with 400', async (_, path, message) => {
      await expectRefused(await t.as('admin').get(path), 400, message);
    });

    it('refuses a NUL in the retry body with 400', async () => {
      await expectRefused(
        await t.as('admin').post('/sync-failures/retry').send({ entity_id: 'a\u0000b' }),
        400,
        /control characters/,
      );
    });

    it.each([
      ['a ver above the 32-bit range', { id: 'n-1', ver: 2 ** 31 }],
      ['a ver of 1e400 (Infinity)', '{"id":"n-2","ver":1e400}'],
      ['a negative ver', { id: 'n-3', ver: -1 }],
    ])('refuses %s in a record with 400', async (_, body) => {
      const response =
        typeof body === 'string' ? await raw('/items', body, {}) : await t.as('MTY').post('/items').send(body);
      // 1e400 is refused by the body's number check (a double cannot hold it), naming ver.
      await expectRefused(response, 400, /ver must be an integer|field "ver" cannot be kept exactly/);
    });

    it('refuses a DELETE ver beyond the 32-bit range with 400', async () => {
      await expectRefused(await t.as('MTY').delete('/items/x?ver=99999999999'), 400, /ver/);
    });
  });

  describe('ids in the path', () => {
    it('accepts an id of 255 characters in the path', async () => {
      const id = 'é'.repeat(255);
      await t
        .as('MTY')
        .put(`/items/${encodeURIComponent(id)}`)
        .send({ total: 1 })
        .expect(200);
      const { body } = await t
        .as('MTY')
        .get(`/items/${encodeURIComponent(id)}/history`)
        .expect(200);
      expect(body.hash_id).toBe(id);
    });

    it('refuses a longer id with a 4xx JSON error', async () => {
      const response = await t.as('MTY').delete(`/items/${'x'.repeat(256)}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ message: expect.stringMatching(/at most 255/) });
    });

    it('refuses a malformed percent-encoding with a 400 JSON error', async () => {
      const response = await t.as('MTY').delete('/items/%E0%A4%A');
      expect(response.status).toBe(400);
      expect(response.headers['x-request-id']).toBe(response.body.requestId);
      expect(response.body).toMatchObject({ statusCode: 400, requestId: expect.any(String) });
    });
  });
});

describe('/health during a database outage', () => {
  it('names the dependency that is down and nothing else: no host, port or driver message', async () => {
    const port = await freePort();
    const unreachable: TestDatabase = {
      name: 'none',
      url: `postgresql://resync:secret@127.0.0.1:${port}/resync`,
      drop: async () => undefined,
    };
    const down = await createTestApp({ module: (config) => ApiModule.register(config), database: unreachable });
    try {
      const response = await down.as('anonymous').get('/health');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Health check failed: database',
        details: ['database: down'],
        requestId: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${port}|ECONNREFUSED`));
    } finally {
      await down.close();
    }
  });
});

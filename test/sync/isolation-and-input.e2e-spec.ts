import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, recordId, TestApp, writtenCounts } from '@app/testing';

describe('Client isolation, authentication and bad input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { BODY_LIMIT_BYTES: '65536' } });
  });
  afterAll(() => t.close());

  const counts = () => writtenCounts(t);

  it("another client's record with the same id is a different record, invisible and untouchable", async () => {
    const id = recordId();
    await t.as('MTY').post('/items').send({ id, owner: 'mty' }).expect(200);

    expect((await t.as('GDL').post('/records').send({ hash_id: id })).body.status).toBe('NOT_FOUND');
    expect((await t.as('GDL').get(`/items/${id}/history`)).body.operations).toEqual([]);
    expect((await t.as('GDL').delete(`/items/${id}`).expect(200)).body.note).toBe('Already deleted');
    // GDL's DELETE left GDL's own tombstone at ver 1, so GDL re-creates at ver 2.
    await t.as('GDL').put(`/items/${id}`).send({ ver: 2, owner: 'gdl' }).expect(200);

    expect((await t.as('MTY').post('/records').send({ hash_id: id })).body.data).toEqual({
      _hash_id: id,
      _ver: 1,
      owner: 'mty',
    });
    expect((await t.as('GDL').post('/records').send({ hash_id: id })).body.data).toEqual({
      _hash_id: id,
      _ver: 2,
      owner: 'gdl',
    });
  });

  it.each([
    ['no Authorization header', undefined],
    ['an unknown key', 'Bearer not-a-key'],
    ['the admin token', 'Bearer test-admin-token-0123456789'],
    ['a Basic scheme', 'Basic bXR5OnNlY3JldA=='],
  ])('answers 401 JSON with %s and writes nothing', async (_, header) => {
    const before = await counts();
    const req = t.as('anonymous').post('/items');
    const res = await (header ? req.set('Authorization', header) : req).send({ id: recordId() }).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    expect(await counts()).toEqual(before);
  });

  it('monitoring needs the admin token, not a client key', async () => {
    await t.as('MTY').get('/monitoring/missing-operations').expect(401);
    await t.as('admin').get('/monitoring/missing-operations').expect(200);
  });

  it.each([
    [
      'malformed JSON',
      (r: ReturnType<TestApp['as']>) => r.post('/items').set('Content-Type', 'application/json').send('{"id": "x",'),
      400,
      /Malformed JSON/,
    ],
    ['a missing id', (r: ReturnType<TestApp['as']>) => r.post('/items').send({ total: 1 }), 400, /id is required/],
    ['an empty id', (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: '' }), 400, /id must not be empty/],
    ['a numeric id', (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 12 }), 400, /id must be a string/],
    [
      'an id over 255 characters',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'x'.repeat(256) }),
      400,
      /at most 255/,
    ],
    [
      'an id with a NUL character',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'a\u0000b' }),
      400,
      /control characters/,
    ],
    [
      'a string ver',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'v', ver: '2' }),
      400,
      /ver must be an integer/,
    ],
    [
      'ver 0',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'v', ver: 0 }),
      400,
      /ver must be an integer/,
    ],
    [
      'a numeric id_cola',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'v', id_cola: 5 }),
      400,
      /id_cola must be a string/,
    ],
    [
      'a reserved field',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'v', _client_id: 'GDL_002' }),
      400,
      /reserved/,
    ],
    [
      'a NUL inside a field',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'v', note: 'a\u0000' }),
      400,
      /NUL/,
    ],
    [
      'a lone UTF-16 surrogate inside a field',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'v', note: 'a\ud800' }),
      400,
      /lone UTF-16 surrogate/,
    ],
    ['an array body', (r: ReturnType<TestApp['as']>) => r.post('/items').send([{ id: 'v' }]), 400, /JSON object/],
    ['a bad delete ver', (r: ReturnType<TestApp['as']>) => r.delete('/items/v?ver=abc'), 400, /ver/],
    [
      'an oversized body',
      (r: ReturnType<TestApp['as']>) => r.post('/items').send({ id: 'big', blob: 'x'.repeat(70_000) }),
      413,
      /larger than the limit/,
    ],
    [
      'a status query with a numeric hash_id',
      (r: ReturnType<TestApp['as']>) => r.post('/records').send({ hash_id: 5 }),
      400,
      /hash_id/,
    ],
    [
      'a status query with both forms',
      (r: ReturnType<TestApp['as']>) => r.post('/records').send({ hash_id: 'a', records: [{ hash_id: 'b' }] }),
      400,
      /not both/,
    ],
    [
      'a status query with an unknown key',
      (r: ReturnType<TestApp['as']>) => r.post('/records').send({ hash_id: 'a', drop: true }),
      400,
      /should not exist/,
    ],
  ])('refuses %s with a clear 4xx JSON error and writes nothing', async (_, send, code, message) => {
    const before = await counts();
    const res = await send(t.as('MTY')).expect(code);
    expect(res.body).toMatchObject({
      statusCode: code,
      message: expect.stringMatching(message),
      requestId: expect.any(String),
    });
    expect(await counts()).toEqual(before);
  });

  it('stores an id full of quotes and SQL keywords literally', async () => {
    const id = `x'); DROP TABLE venta; -- "quoted" \\ OR 1=1 ${recordId()}`;
    await t.as('MTY').post('/items').send({ id, sql: "'; DELETE FROM sync_operations; --" }).expect(200);
    const status = await t.as('MTY').post('/records').send({ hash_id: id }).expect(200);
    expect(status.body.data).toEqual({ _hash_id: id, _ver: 1, sql: "'; DELETE FROM sync_operations; --" });
    const history = await t
      .as('MTY')
      .get(`/items/${encodeURIComponent(id)}/history`)
      .expect(200);
    expect(history.body.operations).toHaveLength(1);
    const [{ n }] = await t.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM venta WHERE _hash_id = ${id}`;
    expect(n).toBe(1);
  });
});

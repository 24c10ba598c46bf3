import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';

/** The conformance and hostile-input guarantees of today's API hold on the original protocol's routes, in its envelope. */
describe('Original protocol: hostile input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { BODY_LIMIT_BYTES: '4096', LEGACY_RATE_LIMIT: '0' },
    });
  });
  afterAll(() => t.close());

  const operations = async () =>
    (await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sync_operations`)[0].n;
  const envelope = (status_id: string, status_code: number) => ({
    status: 'error',
    msg: expect.any(String),
    status_id,
    status_code,
  });

  it('answers malformed JSON with INVALID_JSON', async () => {
    const { body } = await t
      .as('MTY')
      .post('/legacy/items')
      .set('Content-Type', 'application/json')
      .send('{"operation":"create","records":[')
      .expect(400);
    expect(body).toEqual(envelope('INVALID_JSON', 400));
  });

  it('answers a body over BODY_LIMIT_BYTES with PAYLOAD_TOO_LARGE, JSON or NDJSON, writing nothing', async () => {
    const before = await operations();
    const big = 'x'.repeat(5000);
    const json = await t
      .as('MTY')
      .post('/legacy/items')
      .send({ operation: 'create', table_name: 'venta', records: [{ __meta: { hash_id: 'big' }, big }] })
      .expect(413);
    expect(json.body).toEqual(envelope('PAYLOAD_TOO_LARGE', 413));
    const ndjson = await t
      .as('MTY')
      .post('/legacy/items?operation=create&table_name=venta')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ __meta: { hash_id: 'big' }, big }))
      .expect(413);
    expect(ndjson.body).toEqual(envelope('PAYLOAD_TOO_LARGE', 413));
    expect(await operations()).toBe(before);
  });

  it('refuses records nested too deep, or holding NUL, naming them', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const { body } = await t
      .as('MTY')
      .post('/legacy/items')
      .send({
        operation: 'create',
        table_name: 'venta',
        records: [
          { __meta: { hash_id: 'deep' }, deep },
          { __meta: { hash_id: 'nul' }, s: 'a\u0000b' },
        ],
      })
      .expect(400);
    expect(body).toEqual(envelope('INVALID_RECORDS', 400));
    expect(body.msg).toMatch(
      /^record 1: fields must not be nested more than \d+ levels deep; record 2: fields must not contain the NUL character/,
    );
  });

  it('answers a content type it does not take with INVALID_CONTENT_TYPE, and leaves today’s API as it was (text/plain is not JSON there)', async () => {
    expect(
      (await t.as('MTY').post('/legacy/items').set('Content-Type', 'application/xml').send('<a/>').expect(415)).body,
    ).toEqual(envelope('INVALID_CONTENT_TYPE', 415));
    const today = await t.as('MTY').post('/items').set('Content-Type', 'text/plain').send('{"id":"t-1"}').expect(415);
    expect(today.body).toMatchObject({ statusCode: 415 });
  });

  it('refuses compressed NDJSON rather than reading garbage', async () => {
    const { body } = await t
      .as('MTY')
      .post('/legacy/records?table=venta&field_id=hash_id&client_id=MTY_001')
      .set('Content-Type', 'text/plain')
      .set('Content-Encoding', 'gzip')
      .send(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))
      .expect(415);
    expect(body).toEqual(envelope('INVALID_CONTENT_TYPE', 415));
  });
});

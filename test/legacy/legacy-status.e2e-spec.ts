import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';

const MISSING = 'Operation record missing but data exists in main table - please resend to recreate operation history';

/** The original protocol's status endpoint: NDJSON in, one answer per line in order, keyed by field_id. */
describe('Original protocol: POST /legacy/records', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  const status = (query: string, lines: string[], who: 'MTY' | 'GDL' = 'MTY') =>
    t.as(who).post(`/legacy/records?${query}`).set('Content-Type', 'text/plain').send(lines.join('\n'));

  it('answers every line in request order with the original envelope, COMPLETED with data, NOT_FOUND, ERROR with error_details', async () => {
    await t.as('MTY').post('/items').send({ id: 'abc123', ver: 3, id_cola: 'job-1', total: 125.5 }).expect(200);
    await t.as('MTY').post('/items').send({ id: 'lost-history', ver: 3, total: 1 }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = 'lost-history'`;

    const { body } = await status('table=venta&ver=3&field_id=hash_id&client_id=MTY_001', [
      '{"hash_id":"nope","id_cola":"job-1"}',
      '{"hash_id":"abc123","id_cola":"job-1"}',
      '{"hash_id":"lost-history"}',
    ]).expect(200);
    expect(body).toEqual({
      version: '3',
      field_id: 'hash_id',
      table: 'venta',
      client_id: 'MTY_001',
      total_records: 3,
      records: [
        { hash_id: 'nope', status: 'NOT_FOUND', data: null },
        { hash_id: 'abc123', status: 'COMPLETED', data: { _hash_id: 'abc123', _ver: 3, total: 125.5 } },
        { hash_id: 'lost-history', status: 'ERROR', error_details: MISSING, data: null },
      ],
    });
    expect(Object.keys(body.records[1])).toEqual(['hash_id', 'status', 'data']);
  });

  it('keys each answer by another field_id, and notes a deleted record', async () => {
    await t.as('MTY').post('/tables/devolucion/items').send({ id: 'r-9', reason: 'damaged' }).expect(200);
    await t.as('MTY').delete('/tables/devolucion/items/r-9').expect(200);
    const { body } = await status('table=devolucion&field_id=recno_id&client_id=MTY_001', [
      '{"recno_id":"r-9"}',
    ]).expect(200);
    expect(body).toEqual({
      version: null,
      field_id: 'recno_id',
      table: 'devolucion',
      client_id: 'MTY_001',
      total_records: 1,
      records: [{ recno_id: 'r-9', status: 'COMPLETED', note: 'Record was deleted', data: null }],
    });
  });

  it('answers only for the ver asked', async () => {
    await t.as('MTY').post('/items').send({ id: 'v-1', ver: 1, total: 1 }).expect(200);
    const { body } = await status('table=venta&ver=2&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"v-1"}']).expect(
      200,
    );
    expect(body.records).toEqual([{ hash_id: 'v-1', status: 'NOT_FOUND', data: null }]);
  });

  it.each([
    ['MISSING_TABLE', 400, 'ver=3&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"a"}']],
    ['UNKNOWN_TABLE', 404, 'table=users&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"a"}']],
    ['MISSING_FIELD_ID', 400, 'table=venta&client_id=MTY_001', ['{"hash_id":"a"}']],
    ['MISSING_CLIENT_ID', 400, 'table=venta&field_id=hash_id', ['{"hash_id":"a"}']],
    ['INVALID_VERSION', 400, 'table=venta&ver=abc&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"a"}']],
    ['INVALID_NDJSON', 400, 'table=venta&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"a"}', '{"hash_id":']],
    ['INVALID_RECORDS', 400, 'table=venta&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"a"}', '{"other":"b"}']],
    ['EMPTY_RECORDS', 400, 'table=venta&field_id=hash_id&client_id=MTY_001', ['', '']],
    ['CLIENT_ID_MISMATCH', 403, 'table=venta&field_id=hash_id&client_id=GDL_002', ['{"hash_id":"a"}']],
  ])('refuses with %s (%i) in the error envelope', async (code, statusCode, query, lines) => {
    const { body } = await status(query, lines).expect(statusCode);
    expect(body).toEqual({ status: 'error', msg: expect.any(String), status_id: code, status_code: statusCode });
  });

  it('names the bad line of the NDJSON', async () => {
    const { body } = await status('table=venta&field_id=hash_id&client_id=MTY_001', [
      '{"hash_id":"a"}',
      '',
      'not json',
    ]).expect(400);
    expect(body.msg).toBe('Invalid JSON at line 3');
  });

  it('refuses a body that is not NDJSON with INVALID_CONTENT_TYPE', async () => {
    const { body } = await t
      .as('MTY')
      .post('/legacy/records?table=venta&field_id=hash_id&client_id=MTY_001')
      .send({ hash_id: 'a' })
      .expect(415);
    expect(body).toEqual({
      status: 'error',
      msg: expect.any(String),
      status_id: 'INVALID_CONTENT_TYPE',
      status_code: 415,
    });
  });

  it('refuses a missing or unknown key with UNAUTHORIZED, in the envelope', async () => {
    const { body } = await t
      .as('anonymous')
      .post('/legacy/records?table=venta&field_id=hash_id&client_id=MTY_001')
      .set('Content-Type', 'text/plain')
      .send('{"hash_id":"a"}')
      .expect(401);
    expect(body).toEqual({ status: 'error', msg: expect.any(String), status_id: 'UNAUTHORIZED', status_code: 401 });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const { body } = await t
      .as('MTY')
      .post('/legacy/records?table=venta&field_id=hash_id&client_id=MTY_001')
      .set('Content-Type', 'text/plain')
      .send(Buffer.from([0x7b, 0x22, 0x68, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))
      .expect(400);
    expect(body.status_id).toBe('INVALID_NDJSON');
  });

  it('shows a client only its own records', async () => {
    await t.as('GDL').post('/items').send({ id: 'gdl-only', total: 1 }).expect(200);
    const { body } = await status('table=venta&field_id=hash_id&client_id=MTY_001', ['{"hash_id":"gdl-only"}']).expect(
      200,
    );
    expect(body.records).toEqual([{ hash_id: 'gdl-only', status: 'NOT_FOUND', data: null }]);
  });
});

import { ApiModule } from '../../apps/api/src/api.module';
import { AsyncIngestWorker } from '@app/ingest';
import { createTestApp, createTestInstances, TestApp, TestInstances } from '@app/testing';

/** The original protocol's batch route: JSON and NDJSON batches become jobs of the asynchronous pipeline. */
describe('Original protocol: POST /legacy/items', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { LEGACY_RATE_LIMIT: '0' } });
  });
  afterAll(() => t.close());

  const json = (body: Record<string, unknown>, who: 'MTY' | 'GDL' = 'MTY') =>
    t.as(who).post('/legacy/items').send(body);
  const ndjson = (query: string, lines: unknown[]) =>
    t
      .as('MTY')
      .post(`/legacy/items?${query}`)
      .set('Content-Type', 'text/plain')
      .send(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  const status = (query: string, lines: unknown[]) =>
    t
      .as('MTY')
      .post(`/legacy/records?${query}`)
      .set('Content-Type', 'text/plain')
      .send(lines.map((l) => JSON.stringify(l)).join('\n'));
  const work = () => t.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce();
  const operations = async () =>
    (await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sync_operations`)[0].n;

  it('queues a JSON batch as one job (BATCH_QUEUED, id_cola), PROCESSING until a worker applies it, then COMPLETED in order', async () => {
    const { body } = await json({
      operation: 'create',
      table_name: 'venta',
      client_id: 'MTY_001',
      field_id: 'hash_id',
      ver: '3',
      records: [
        { __meta: { hash_id: 'j-1' }, total: 125.5, id: 7 },
        { __meta: { hash_id: 'j-2' }, total: 80 },
      ],
    }).expect(200);
    expect(body).toEqual({
      status: 'ok',
      msg: 'Batch of 2 records queued',
      status_id: 'BATCH_QUEUED',
      id_cola: expect.any(String),
      status_code: 200,
    });
    const job = body.id_cola as string;

    const query = 'table=venta&ver=3&field_id=hash_id&client_id=MTY_001';
    const lines = [
      { hash_id: 'j-2', id_cola: job },
      { hash_id: 'j-1', id_cola: job },
    ];
    expect((await status(query, lines).expect(200)).body.records).toEqual([
      { hash_id: 'j-2', status: 'PROCESSING', data: null },
      { hash_id: 'j-1', status: 'PROCESSING', data: null },
    ]);

    await work();
    expect((await status(query, lines).expect(200)).body).toEqual({
      version: '3',
      field_id: 'hash_id',
      table: 'venta',
      client_id: 'MTY_001',
      total_records: 2,
      records: [
        { hash_id: 'j-2', status: 'COMPLETED', data: { _hash_id: 'j-2', _ver: 3, total: 80 } },
        { hash_id: 'j-1', status: 'COMPLETED', data: { _hash_id: 'j-1', _ver: 3, total: 125.5, id: 7 } },
      ],
    });
    // the audit trail keeps what the store sent, under the job id
    const history = (await t.as('MTY').get('/items/j-1/history').expect(200)).body.operations;
    expect(history).toEqual([
      expect.objectContaining({
        operation: 'CREATE',
        status: 'COMPLETED',
        queue_id: job,
        batch_version: 3,
        payload: { total: 125.5, id: 7 },
      }),
    ]);
  });

  it('takes NDJSON with the parameters in the query string and another field_id, then an update and a delete', async () => {
    const created = await ndjson('operation=create&table_name=devolucion&client_id=MTY_001&field_id=recno_id&ver=1', [
      { __meta: { recno_id: 'r-1' }, reason: 'damaged' },
      '',
      { __meta: { recno_id: 'r-2' }, reason: 'size' },
    ]).expect(200);
    expect(created.body).toMatchObject({ status: 'ok', status_id: 'BATCH_QUEUED', msg: 'Batch of 2 records queued' });
    await work();
    await json({
      operation: 'update',
      table_name: 'devolucion',
      client_id: 'MTY_001',
      field_id: 'recno_id',
      ver: 2,
      records: [{ __meta: { recno_id: 'r-1' }, reason: 'wrong size' }],
    }).expect(200);
    const deleted = await ndjson('operation=delete&table_name=devolucion&client_id=MTY_001&field_id=recno_id&ver=2', [
      { __meta: { recno_id: 'r-2' } },
    ]).expect(200);
    await work();

    const { body } = await status('table=devolucion&field_id=recno_id&client_id=MTY_001', [
      { recno_id: 'r-1' },
      { recno_id: 'r-2', id_cola: deleted.body.id_cola },
    ]).expect(200);
    expect(body.records).toEqual([
      { recno_id: 'r-1', status: 'COMPLETED', data: { _hash_id: 'r-1', _ver: 2, reason: 'wrong size' } },
      { recno_id: 'r-2', status: 'COMPLETED', note: 'Record was deleted', data: null },
    ]);
    const history = (await t.as('MTY').get('/tables/devolucion/items/r-1/history').expect(200)).body.operations;
    expect(history[1]).toMatchObject({
      operation: 'UPDATE',
      status: 'COMPLETED',
      changes: { reason: { from: 'damaged', to: 'wrong size' } },
    });
  });

  it.each([
    ['MISSING_OPERATION', 400, { table_name: 'venta', records: [{ __meta: { hash_id: 'e' } }] }],
    ['INVALID_OPERATION', 400, { operation: 'merge', table_name: 'venta', records: [{ __meta: { hash_id: 'e' } }] }],
    ['MISSING_TABLE_NAME', 400, { operation: 'create', records: [{ __meta: { hash_id: 'e' } }] }],
    ['UNKNOWN_TABLE', 404, { operation: 'create', table_name: 'pg_user', records: [{ __meta: { hash_id: 'e' } }] }],
    ['INVALID_RECORDS', 400, { operation: 'create', table_name: 'venta', records: { __meta: { hash_id: 'e' } } }],
    [
      'INVALID_RECORDS',
      400,
      { operation: 'create', table_name: 'venta', records: [{ __meta: { hash_id: 'ok' } }, { total: 1 }] },
    ],
    ['EMPTY_RECORDS', 400, { operation: 'create', table_name: 'venta', records: [] }],
    [
      'INVALID_FIELD_ID',
      400,
      { operation: 'create', table_name: 'venta', field_id: 'a b', records: [{ __meta: { hash_id: 'e' } }] },
    ],
    [
      'INVALID_VERSION',
      400,
      { operation: 'create', table_name: 'venta', ver: 'three', records: [{ __meta: { hash_id: 'e' } }] },
    ],
    [
      'TOO_MANY_RECORDS',
      413,
      {
        operation: 'create',
        table_name: 'venta',
        records: Array.from({ length: 1001 }, (_, i) => ({ __meta: { hash_id: `m-${i}` } })),
      },
    ],
    [
      'CLIENT_ID_MISMATCH',
      403,
      { operation: 'create', table_name: 'venta', client_id: 'GDL_002', records: [{ __meta: { hash_id: 'e' } }] },
    ],
  ])('refuses %s (%i) in the error envelope and writes nothing', async (code, statusCode, body) => {
    const before = await operations();
    expect((await json(body).expect(statusCode)).body).toEqual({
      status: 'error',
      msg: expect.any(String),
      status_id: code,
      status_code: statusCode,
    });
    expect(await operations()).toBe(before);
  });

  it('refuses a bad NDJSON line naming it, and a body that is neither JSON nor NDJSON', async () => {
    const bad = await ndjson('operation=create&table_name=venta&client_id=MTY_001', [
      { __meta: { hash_id: 'n-1' } },
      '{"__meta": {"hash_id": "n-2"}',
    ]).expect(400);
    expect(bad.body).toEqual({
      status: 'error',
      msg: 'Invalid JSON at line 2',
      status_id: 'INVALID_NDJSON',
      status_code: 400,
    });
    const xml = await t
      .as('MTY')
      .post('/legacy/items')
      .set('Content-Type', 'application/xml')
      .send('<records/>')
      .expect(415);
    expect(xml.body).toMatchObject({ status: 'error', status_id: 'INVALID_CONTENT_TYPE', status_code: 415 });
    expect(
      (await status('table=venta&field_id=hash_id&client_id=MTY_001', [{ hash_id: 'n-1' }])).body.records[0].status,
    ).toBe('NOT_FOUND');
  });

  it('refuses a client_id that is not the key’s with 403 on NDJSON too, writing nothing', async () => {
    const before = await operations();
    const { body } = await ndjson('operation=create&table_name=venta&client_id=GDL_002', [
      { __meta: { hash_id: 'x-1' } },
    ]).expect(403);
    expect(body).toEqual({
      status: 'error',
      msg: expect.any(String),
      status_id: 'CLIENT_ID_MISMATCH',
      status_code: 403,
    });
    expect(await operations()).toBe(before);
  });

  it('refuses a client_id in the query string of a JSON request with 403 too, writing nothing', async () => {
    const before = await operations();
    const { body } = await t
      .as('MTY')
      .post('/legacy/items?client_id=GDL_002')
      .send({ operation: 'create', table_name: 'venta', records: [{ __meta: { hash_id: 'q-1' } }] })
      .expect(403);
    expect(body).toMatchObject({ status: 'error', status_id: 'CLIENT_ID_MISMATCH', status_code: 403 });
    expect(await operations()).toBe(before);
  });
});

/** Two instances on one database share each client's limit: the count lives in PostgreSQL. */
describe('Original protocol: rate limit across instances', () => {
  let instances: TestInstances;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    instances = await createTestInstances(2, {
      module: (config) => ApiModule.register(config),
      env: { LEGACY_RATE_LIMIT: '3', LEGACY_RATE_WINDOW: '1h' },
    });
    [a, b] = instances.apps;
  });
  afterAll(() => instances.close());

  const batch = (app: TestApp, id: string, who: 'MTY' | 'GDL' = 'MTY') =>
    app
      .as(who)
      .post('/legacy/items')
      .send({ operation: 'create', table_name: 'venta', records: [{ __meta: { hash_id: id }, total: 1 }] });

  it('lets LEGACY_RATE_LIMIT batches through whichever instance takes them, then answers 429 with Retry-After and queues nothing', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await batch(i % 2 ? b : a, `rl-${i}`)).status);
    expect(codes).toEqual([200, 200, 200]);

    const limited = await batch(b, 'rl-over').expect(429);
    expect(limited.body).toEqual({
      status: 'error',
      msg: expect.stringContaining('Rate limit exceeded'),
      status_id: 'RATE_LIMIT_EXCEEDED',
      status_code: 429,
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await batch(a, 'rl-over-2').expect(429);
    const [{ n }] = await a.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM sync_operations WHERE record_id LIKE 'rl-over%'`;
    expect(n).toBe(0);

    // another client has its own count; bad input does not use any
    await batch(a, 'gdl-1', 'GDL').expect(200);
    await a.as('GDL').post('/legacy/items').send({ operation: 'create', table_name: 'venta', records: [] }).expect(400);
  });
});

import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, recordId, refusePoison, TestApp } from '@app/testing';

// Nothing a client can send is refused by the database (the app refuses it first, by name): a
// constraint on venta stands in for the unforeseen per-record database failure.
const UNSTORABLE = '{"id":"%ID%","poison":true}';

describe('Records the database refuses, and monitoring', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    await refusePoison(t.prisma, 'venta');
  });
  afterAll(() => t.close());

  it('a record the database refuses fails alone in a batch: ERROR logged for it, the others COMPLETED', async () => {
    const [good1, bad, good2] = [recordId(), recordId(), recordId()];
    const body = `{"operations":[{"operation":"CREATE","record":{"id":"${good1}","n":1}},{"operation":"CREATE","record":${UNSTORABLE.replace('%ID%', bad)}},{"operation":"CREATE","record":{"id":"${good2}","n":2}}]}`;
    const res = await t
      .as('MTY')
      .post('/tables/venta/batch')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['COMPLETED', 'ERROR', 'COMPLETED']);
    expect(res.body.results[1].error).toBe('Could not be stored: the record breaks the table\'s rule "refuses_poison"');

    const status = await t
      .as('MTY')
      .post('/records')
      .send({ records: [{ hash_id: good1 }, { hash_id: bad }, { hash_id: good2 }] })
      .expect(200);
    expect(status.body.results.map((r: { status: string }) => r.status)).toEqual(['COMPLETED', 'ERROR', 'COMPLETED']);
    expect(status.body.results[1].error_details).toBe(res.body.results[1].error); // the project's words, not PostgreSQL's
    const [{ n }] = await t.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM venta WHERE _hash_id = ${bad}`;
    expect(n).toBe(0);
  });

  it('a single record the database refuses is a 422 with the reason, logged as ERROR, data untouched', async () => {
    const id = recordId();
    const res = await t
      .as('MTY')
      .post('/items')
      .set('Content-Type', 'application/json')
      .send(UNSTORABLE.replace('%ID%', id))
      .expect(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      message: 'Could not be stored: the record breaks the table\'s rule "refuses_poison"',
    });
    const history = await t.as('MTY').get(`/items/${id}/history`).expect(200);
    expect(history.body.operations).toEqual([expect.objectContaining({ operation: 'CREATE', status: 'ERROR' })]);
  });

  it('GET /monitoring/missing-operations reports per table and client with levels', async () => {
    const ids = Array.from({ length: 12 }, () => recordId('mon'));
    await t
      .as('GDL')
      .post('/tables/devolucion/batch')
      .send({ operations: ids.map((id) => ({ operation: 'CREATE', record: { id } })) })
      .expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE client_id = 'GDL_002' AND table_name = 'devolucion'`;

    const { body } = await t.as('admin').get('/monitoring/missing-operations').expect(200);
    expect(body.level).toBe('warning');
    expect(body.thresholds).toEqual({ warning: 10, critical: 100 });
    const devolucion = body.tables.find((x: { table: string }) => x.table === 'devolucion');
    expect(devolucion).toMatchObject({
      missing: 12,
      clients: [{ client_id: 'GDL_002', missing: 12, level: 'warning' }],
    });
    expect(devolucion.clients[0].records.map((r: { hash_id: string }) => r.hash_id).sort()).toEqual([...ids].sort());
    // Like every timestamp of the API: ISO 8601 in UTC with `Z`, the row's own creation time.
    const [first] = devolucion.clients[0].records;
    const [row] = await t.prisma.$queryRaw<{ _created_at: Date }[]>`
      SELECT _created_at FROM devolucion WHERE _client_id = 'GDL_002' AND _hash_id = ${first.hash_id}`;
    expect(first.created_at).toBe(row._created_at.toISOString());
    expect(body.tables.find((x: { table: string }) => x.table === 'venta')).toMatchObject({ missing: 0, clients: [] });

    const filtered = await t.as('admin').get('/monitoring/missing-operations?table=venta').expect(200);
    expect(filtered.body).toMatchObject({ level: 'normal', tables: [{ table: 'venta' }] });
    await t.as('admin').get('/monitoring/missing-operations?table=clientes').expect(400);

    // The client resends: the history is recreated and the level drops back.
    await t
      .as('GDL')
      .post('/tables/devolucion/batch')
      .send({ operations: ids.map((id) => ({ operation: 'CREATE', record: { id } })) })
      .expect(200);
    expect((await t.as('admin').get('/monitoring/missing-operations')).body.level).toBe('normal');
  });
});

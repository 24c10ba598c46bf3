import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, recordId, saleRecord, TestApp } from '@app/testing';

/** Issue 13 part 1: the audit trail keeps what each operation carried, and shows what an UPDATE changed. */
describe('Audit trail payloads', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  const history = async (id: string, table?: string) =>
    (
      await t
        .as('MTY')
        .get(table ? `/tables/${table}/items/${id}/history` : `/items/${id}/history`)
        .expect(200)
    ).body.operations;

  it('keeps each operation’s fields as received and shows what each applied UPDATE changed', async () => {
    const sale = saleRecord({ total: 125.5, coupon: 'X1' });
    const { id, ver: _ver, ...fields } = sale as { id: string; ver?: number } & Record<string, unknown>;
    await t
      .as('MTY')
      .post('/items')
      .send({ ...sale, id_cola: 'job-1' })
      .expect(200);
    await t
      .as('MTY')
      .put(`/items/${id}`)
      .send({ ...fields, ver: 2, total: 130, coupon: undefined, late: true })
      .expect(200);
    await t.as('MTY').put(`/items/${id}`).send({ ver: 1, total: 1 }).expect(200); // stale: changes nothing
    await t.as('MTY').post('/items').send(sale).expect(200); // duplicate
    await t.as('MTY').delete(`/items/${id}?ver=3`).expect(200);

    const ops = await history(id);
    expect(ops.map((o: { operation: string; note: string | null }) => [o.operation, o.note])).toEqual([
      ['CREATE', null],
      ['UPDATE', null],
      ['UPDATE', 'Stale version ignored'],
      ['CREATE', 'Duplicate bypassed'],
      ['DELETE', null],
    ]);
    expect(ops[0]).toMatchObject({ payload: fields, changes: null, queue_id: 'job-1' });
    const { coupon: _coupon, ...updatedFields } = fields;
    expect(ops[1].payload).toEqual({ ...updatedFields, total: 130, late: true });
    expect(ops[1].changes).toEqual({ total: { from: 125.5, to: 130 }, coupon: { from: 'X1' }, late: { to: true } });
    expect(ops[2]).toMatchObject({ payload: { total: 1 }, changes: null });
    expect(ops[3]).toMatchObject({ payload: fields, changes: null });
    expect(ops[4]).toMatchObject({ payload: null, changes: null });
  });

  it('keeps the payloads of a batch, record by record, also when a record repeats (applied in rounds in one transaction)', async () => {
    const [a, b] = [recordId('a'), recordId('b')];
    const body = {
      operations: [
        { operation: 'CREATE', record: { id: a, total: 1, nested: { deep: [1, { x: 'ü' }] } } },
        { operation: 'CREATE', record: { id: b, total: 2 } },
        { operation: 'UPDATE', record: { id: a, ver: 2, total: 3, nested: { deep: [1, { x: 'ü' }] } } },
        { operation: 'CREATE', record: { id: 'bad', total: 1, _ver: 9 } }, // rejected: reserved field
      ],
    };
    const { body: answer } = await t.as('MTY').post('/tables/devolucion/batch').send(body).expect(200);
    expect(answer.failed).toBe(1);

    const opsA = await history(a, 'devolucion');
    expect(opsA.map((o: { payload: unknown }) => o.payload)).toEqual([
      { total: 1, nested: { deep: [1, { x: 'ü' }] } },
      { total: 3, nested: { deep: [1, { x: 'ü' }] } },
    ]);
    expect(opsA[1].changes).toEqual({ total: { from: 1, to: 3 } });
    expect((await history(b, 'devolucion'))[0].payload).toEqual({ total: 2 });
    // A record rejected before it could be read keeps its error, not a payload.
    expect(await history('bad', 'devolucion')).toEqual([expect.objectContaining({ status: 'ERROR', payload: null })]);
  });

  it('keeps another client’s payloads out of sight', async () => {
    const id = recordId('iso');
    await t.as('GDL').post('/items').send({ id, secret: 'gdl' }).expect(200);
    expect(await history(id)).toEqual([]);
  });
});

describe('Audit trail payloads with AUDIT_PAYLOADS=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { AUDIT_PAYLOADS: 'false' } });
  });
  afterAll(() => t.close());

  it('logs the operations without their payloads', async () => {
    const id = recordId('off');
    await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
    await t.as('MTY').put(`/items/${id}`).send({ total: 2 }).expect(200);
    const { body } = await t.as('MTY').get(`/items/${id}/history`).expect(200);
    expect(body.operations).toEqual([
      expect.objectContaining({ operation: 'CREATE', payload: null, changes: null }),
      expect.objectContaining({ operation: 'UPDATE', payload: null, changes: null }),
    ]);
    const [{ kept }] = await t.prisma.$queryRaw<
      { kept: number }[]
    >`SELECT count(*)::int AS kept FROM sync_operations WHERE payload IS NOT NULL`;
    expect(kept).toBe(0);
  });
});

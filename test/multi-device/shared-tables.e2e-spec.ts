import { recordId } from '@app/testing';
import { useAsyncApp } from '../async/async-kit';
import { converge, Puller } from './feed-kit';

/** Issue 22, part 4: shared tables (producto), written by head office, read by every store. */
describe('Shared tables', () => {
  const kit = useAsyncApp();
  const catalogue = async () =>
    Object.fromEntries(
      (
        await kit.t.prisma.$queryRaw<{ id: string; ver: number; data: Record<string, unknown> }[]>`
          SELECT _hash_id AS id, _ver AS ver, data FROM producto WHERE NOT _deleted`
      )
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => [r.id, { ver: r.ver, data: r.data }]),
    );
  const publish = (operations: unknown[]) =>
    kit.t.as('admin').post('/admin/tables/producto/batch').send({ operations }).expect(200);

  it('head office writes with the admin token; every store’s feed serves the same rows, deletions included', async () => {
    const [tea, coffee] = [recordId('sku'), recordId('sku')];
    const res = await publish([
      { operation: 'CREATE', record: { id: tea, name: 'Tea', price: 10 } },
      { operation: 'CREATE', record: { id: coffee, name: 'Coffee', price: 20 } },
    ]);
    expect(res.body).toMatchObject({ completed: 2, failed: 0 });
    const rows = await kit.t.prisma.$queryRaw<{ client: string }[]>`
      SELECT DISTINCT _client_id AS client FROM producto`;
    expect(rows).toEqual([{ client: '*shared*' }]);

    const mty = new Puller(() => kit.t.as('MTY'), 'producto', 1);
    const gdl = new Puller(() => kit.t.as('GDL'), 'producto', 1000);
    await converge(mty, catalogue);
    await converge(gdl, catalogue);
    expect(Object.keys(mty.state())).toEqual(expect.arrayContaining([tea, coffee]));

    await publish([
      { operation: 'UPDATE', record: { id: tea, ver: 2, name: 'Tea', price: 11 } },
      { operation: 'DELETE', record: { id: coffee, ver: 2 } },
    ]);
    await converge(mty, catalogue);
    await converge(gdl, catalogue);
    expect(mty.state()[tea]).toEqual({ ver: 2, data: { name: 'Tea', price: 11 } });
    expect(mty.rows.has(coffee)).toBe(false);
  });

  it.each([
    ['create', (id: string) => kit.t.as('MTY').post('/tables/producto/items').send({ id, price: 1 })],
    ['update', (id: string) => kit.t.as('MTY').put(`/tables/producto/items/${id}`).send({ price: 1 })],
    ['delete', (id: string) => kit.t.as('MTY').delete(`/tables/producto/items/${id}`)],
    [
      'batch',
      (id: string) =>
        kit.t
          .as('GDL')
          .post('/tables/producto/batch')
          .send({ operations: [{ operation: 'CREATE', record: { id } }] }),
    ],
    [
      'asynchronous batch',
      (id: string) =>
        kit.async(
          kit.t
            .as('GDL')
            .post('/tables/producto/batch')
            .send({ operations: [{ operation: 'CREATE', record: { id } }] }),
        ),
    ],
  ])('a store’s %s gets a 403 and writes nothing', async (_, request) => {
    const id = recordId('sku');
    const res = await request(id).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(res.body.message).toContain('shared');
    const written = await kit.t.prisma.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM producto WHERE _hash_id = ${id}) + (SELECT count(*) FROM sync_operations WHERE record_id = ${id}) AS n`;
    expect(Number(written[0].n)).toBe(0);
  });

  it('the admin route takes only shared tables, and only the admin token', async () => {
    await kit.t
      .as('admin')
      .post('/admin/tables/venta/batch')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'x' } }] })
      .expect(404);
    await kit.t
      .as('MTY')
      .post('/admin/tables/producto/batch')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'x' } }] })
      .expect(401);
  });

  it('the original protocol refuses a store’s batch to a shared table with its own 403', async () => {
    const res = await kit.t
      .as('MTY')
      .post('/legacy/items')
      .send({
        operation: 'create',
        table_name: 'producto',
        client_id: 'MTY_001',
        records: [{ __meta: { hash_id: 'x' } }],
      });
    expect([res.status, res.body.status_id]).toEqual([403, 'SHARED_TABLE']);
  });
});

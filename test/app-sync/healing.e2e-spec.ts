import { createTestApp, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { operationsOf, statusesOf } from './server-views';

const CLIENT = 'MTY_001';

/**
 * A DBA deletes the operations of records synced by WatermelonDB and RxDB apps. Those libraries
 * never ask for status, so no resend comes: POST /records and the monitor report the records, and
 * POST /admin/tables/{table}/restore-history re-creates their history from the rows.
 */
describe('healing a deleted history for WatermelonDB and RxDB apps', () => {
  let t: TestApp;
  const mty = () => t.as('MTY');
  const restore = (query: string) => t.as('admin').post(`/admin/tables/venta/restore-history${query}`);

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  it('reports the records, and the admin repair re-creates one COMPLETED operation each, once', async () => {
    await mty()
      .post('/watermelon/sync?last_pulled_at=null')
      .send({ venta: { created: [{ id: 'heal-wm', total: 1 }] } })
      .expect(200);
    await mty()
      .post('/watermelon/sync?last_pulled_at=null')
      .send({ venta: { updated: [{ id: 'heal-wm', total: 2 }] } })
      .expect(200);
    await mty()
      .post('/rxdb/venta/push')
      .send([{ newDocumentState: { id: 'heal-rx', total: 3, _deleted: false } }])
      .expect(200);
    await t.prisma.$executeRawUnsafe(
      `DELETE FROM sync_operations WHERE client_id = $1 AND table_name = 'venta' AND record_id IN ('heal-wm', 'heal-rx')`,
      CLIENT,
    );
    const records = [
      { id: 'heal-rx', ver: 1 },
      { id: 'heal-wm', ver: 2 },
    ];
    expect((await statusesOf(t, records)).map((s) => s.status)).toEqual(['ERROR', 'ERROR']);
    const monitor = await t.as('admin').get('/monitoring/missing-operations?table=venta').expect(200);
    expect(JSON.stringify(monitor.body)).toContain('heal-wm');

    const res = await restore(`?client_id=${CLIENT}`).expect(200);
    expect(res.body).toEqual({
      restored: 2,
      records: [
        { hash_id: 'heal-rx', ver: 1 },
        { hash_id: 'heal-wm', ver: 2 },
      ],
    });
    expect((await statusesOf(t, records)).map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(
      (await operationsOf(t, CLIENT, 'heal-wm')).map((o) => [o.operation, o.batch_version, o.status, o.note]),
    ).toEqual([['UPDATE', 2, 'COMPLETED', 'History restored from the row by an admin']]);
    expect((await restore(`?client_id=${CLIENT}`).expect(200)).body).toEqual({ restored: 0, records: [] });
  });

  it('needs the admin token and a well-formed client_id', async () => {
    await mty().post(`/admin/tables/venta/restore-history?client_id=${CLIENT}`).expect(401);
    await restore('').expect(400);
    await restore('?client_id=a%27b').expect(400);
    await t.as('admin').post(`/admin/tables/nope/restore-history?client_id=${CLIENT}`).expect(404);
  });
});

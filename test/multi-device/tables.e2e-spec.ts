import { allSyncedTables } from '@app/common';
import { useAsyncApp } from '../async/async-kit';

/** GET /tables: what a device pulls, which tables are shared, and how each resolves conflicts. */
describe('GET /tables', () => {
  const kit = useAsyncApp();

  it('lists every synced table with its sharing, policy and counter fields, as the registry declares them', async () => {
    const { body } = await kit.t.as('MTY').get('/tables').expect(200);
    expect(body.tables.map((t: { name: string }) => t.name)).toEqual(allSyncedTables().map((t) => t.name));
    expect(body.tables).toEqual(
      expect.arrayContaining([
        { name: 'venta', shared: false, policy: 'reject', counters: [], entity_type: 'SALE' },
        { name: 'stock', shared: false, policy: 'merge', counters: ['qty'], entity_type: 'STOCK' },
        { name: 'producto', shared: true, policy: 'reject', counters: [], entity_type: 'PRODUCT' },
      ]),
    );
  });

  it('needs a client key', async () => {
    await kit.t.as('anonymous').get('/tables').expect(401);
  });
});

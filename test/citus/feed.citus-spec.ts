import { Change as IngestChange } from '@app/ingest';
import { IngestRepository } from '@app/ingest/ingest.repository';
import { recordId } from '@app/testing';
import { connection, converge, Puller } from '../multi-device/feed-kit';
import { useCitusApp } from './citus-kit';

const CLIENT = 'MTY_001';

/**
 * The change feed on Citus: two devices of a store pull what both write; a transaction open during
 * a pull is not skipped (its xid is the worker's, compared with the worker's snapshot); the shared
 * table reaches every store.
 */
describe('Change feed and shared tables on Citus', () => {
  const kit = useCitusApp();
  const rows = async (table: string, client: string) =>
    Object.fromEntries(
      (
        await kit.sql<{ id: string; ver: number; data: Record<string, unknown> }>(
          `SELECT _hash_id AS id, _ver AS ver, data FROM ${table} WHERE _client_id = $1 AND NOT _deleted`,
          [client],
        )
      )
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => [r.id, { ver: r.ver, data: r.data }]),
    );
  const device = (name: string) => ({
    post: (path: string) => kit.t.as('MTY').post(path).set('X-Device-Id', name),
    put: (path: string) => kit.t.as('MTY').put(path).set('X-Device-Id', name),
    delete: (path: string) => kit.t.as('MTY').delete(path).set('X-Device-Id', name),
  });

  it('two devices writing and pulling end with exactly the server state; another store sees none of it', async () => {
    const [till, tablet] = [device('till-1'), device('tablet-2')];
    const pullers = [new Puller(() => kit.t.as('MTY'), 'venta', 3), new Puller(() => kit.t.as('MTY'), 'venta', 1000)];
    const ids = Array.from({ length: 12 }, () => recordId('dev'));
    let writing = true;
    const pulling = pullers.map(async (p) => {
      while (writing) {
        await p.pullAll();
        await new Promise((done) => setTimeout(done, 5));
      }
    });
    await Promise.all(
      [till, tablet].map(async (writer, w) => {
        for (const [n, id] of ids.entries()) {
          if (n % 2 !== w) continue;
          await writer.post('/items').send({ id, by: w }).expect(200);
          await writer.put(`/items/${id}`).send({ ver: 2, by: w, n }).expect(200);
        }
      }),
    );
    await device('till-1').delete(`/items/${ids[0]}?ver=3`).expect(200);
    await tablet.put(`/items/${ids[1]}`).send({ ver: 3, by: 'tablet' }).expect(200);
    writing = false;
    await Promise.all(pulling);
    for (const p of pullers) await converge(p, () => rows('venta', CLIENT));
    expect(pullers[0].rows.has(ids[0])).toBe(false);
    expect(pullers[1].state()[ids[1]]).toEqual({ ver: 3, data: { by: 'tablet' } });

    const gdl = new Puller(() => kit.t.as('GDL'), 'venta', 1000);
    await gdl.pullAll();
    expect(ids.filter((id) => gdl.rows.has(id))).toEqual([]);
  });

  it('does not skip a write whose transaction was open during a pull and committed after it', async () => {
    const ingest = kit.t.get<IngestRepository>(IngestRepository);
    const write = (id: string): IngestChange => ({ operation: 'UPDATE', id, ver: 1, queueId: null, fields: { n: 1 } });
    const [late, early] = [recordId('late'), recordId('early')];
    const puller = new Puller(() => kit.t.as('MTY'), 'venta', 1);
    await puller.pullAll();
    const writer = await connection(kit.database.url);
    try {
      await writer.client.query('BEGIN');
      await ingest.applyAndLog(writer.tx, CLIENT, 'venta', [write(late)]); // open on the shard's worker
      await kit.t.as('MTY').post('/items').send({ id: early }).expect(200);
      await puller.pullAll();
      expect(puller.rows.has(late)).toBe(false);
      await writer.client.query('COMMIT');
    } finally {
      await writer.client.end();
    }
    await converge(puller, () => rows('venta', CLIENT));
    expect(puller.rows.has(late) && puller.rows.has(early)).toBe(true);
  });

  it('a shared table written by head office reaches every store’s feed, deletions included', async () => {
    const publish = (operations: unknown[]) =>
      kit.t.as('admin').post('/admin/tables/producto/batch').send({ operations }).expect(200);
    const [tea, coffee] = [recordId('sku'), recordId('sku')];
    expect(
      (
        await publish([
          { operation: 'CREATE', record: { id: tea, name: 'Tea', price: 10 } },
          { operation: 'CREATE', record: { id: coffee, name: 'Coffee', price: 20 } },
        ])
      ).body,
    ).toMatchObject({ completed: 2, failed: 0 });
    const catalogue = () => rows('producto', '*shared*');
    const stores = [
      new Puller(() => kit.t.as('MTY'), 'producto', 1),
      new Puller(() => kit.t.as('GDL'), 'producto', 1000),
    ];
    for (const store of stores) await converge(store, catalogue);
    expect(Object.keys(stores[0].state()).sort()).toEqual([tea, coffee].sort());

    await publish([
      { operation: 'UPDATE', record: { id: tea, ver: 2, name: 'Tea', price: 11 } },
      { operation: 'DELETE', record: { id: coffee, ver: 2 } },
    ]);
    for (const store of stores) await converge(store, catalogue);
    expect(stores[1].state()).toEqual({ [tea]: { ver: 2, data: { name: 'Tea', price: 11 } } });
    await kit.t
      .as('MTY')
      .post('/tables/producto/items')
      .send({ id: recordId('sku') })
      .expect(403);
  });
});

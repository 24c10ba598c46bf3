import { ResyncClient, ResyncClientOptions } from '@resync/client';
import { MemoryStore } from '@resync/client/stores/memory-store';
import type { Conflict } from '@resync/client/types';
import { startListeningServer, ListeningServer } from './client-server';

/** Several devices of one store (one key) against the real app: they converge on the server's rows. */
describe('ResyncClient, several devices on one key', () => {
  let server: ListeningServer;
  const clients: ResyncClient[] = [];
  beforeAll(async () => {
    server = await startListeningServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());

  const device = (options: Partial<ResyncClientOptions> = {}) => {
    const client = new ResyncClient({
      baseUrl: server.baseUrl,
      apiKey: server.apiKey,
      store: new MemoryStore(),
      tables: ['venta', 'stock', 'producto'],
      backoff: { baseMs: 5, maxMs: 50 },
      ...options,
    });
    clients.push(client);
    return client;
  };
  /**
   * Syncs until the device holds the record at `ver` (bounded). A pull serves what every transaction
   * open at its start has finished with: while another test file's transaction is open on the same
   * PostgreSQL server, a change committed a moment ago comes in a later pull (docs/multi-device.md).
   */
  const syncUntil = async (client: ResyncClient, table: string, id: string, ver: number) => {
    for (let tries = 0; tries < 200; tries++) {
      await client.sync();
      if ((await client.get(table, id))?.ver === ver) return;
      await new Promise((wake) => setTimeout(wake, 50));
    }
    throw new Error(`${table}/${id} never reached version ${ver} on the device`);
  };
  const rowOf = async (table: string, id: string) =>
    (
      await server.sql<{ ver: number; data: Record<string, unknown> }>(
        `SELECT _ver AS ver, data FROM ${table} WHERE _client_id = $1 AND _hash_id = $2`,
        [server.clientId, id],
      )
    )[0];

  it('two devices changing one venta: one applied, one conflict reported, both end with the server row', async () => {
    const [a, b] = [device(), device()];
    const conflicts: Conflict[] = [];
    b.on('conflict', (c) => conflicts.push(c));
    await a.create('venta', { id: 'dev-v1', total: 10, status: 'open' });
    await a.sync();
    await syncUntil(b, 'venta', 'dev-v1', 1);
    expect(await b.get('venta', 'dev-v1')).toMatchObject({ ver: 1, data: { total: 10, status: 'open' } });
    await a.update('venta', { id: 'dev-v1', total: 12, status: 'open' });
    await b.update('venta', { id: 'dev-v1', total: 10, status: 'paid' });
    await a.sync();
    await b.sync();
    for (const client of [a, b]) await syncUntil(client, 'venta', 'dev-v1', 2);

    expect(conflicts).toEqual([
      expect.objectContaining({
        id: 'dev-v1',
        serverVer: 2,
        serverData: { total: 12, status: 'open' },
        resolution: 'server',
      }),
    ]);
    expect(await b.conflicts()).toHaveLength(1);
    const row = await rowOf('venta', 'dev-v1');
    expect(row).toEqual({ ver: 2, data: { total: 12, status: 'open' } });
    for (const client of [a, b])
      expect(await client.get('venta', 'dev-v1')).toMatchObject({ ver: 2, data: row.data, pending: false });
  });

  it('three devices selling one stock item: the counter keeps every sale, every device ends with it', async () => {
    const [a, b, c] = [device(), device(), device()];
    await a.create('stock', { id: 'dev-s1', name: 'Coffee', qty: 10 });
    await a.sync();
    await Promise.all([syncUntil(b, 'stock', 'dev-s1', 1), syncUntil(c, 'stock', 'dev-s1', 1)]);
    await a.update('stock', { id: 'dev-s1', name: 'Coffee', qty: 9 });
    await b.update('stock', { id: 'dev-s1', name: 'Coffee', qty: 8 });
    await c.update('stock', { id: 'dev-s1', name: 'Coffee', qty: 7 });
    for (const client of [a, b, c]) await client.sync();
    const row = await rowOf('stock', 'dev-s1');
    for (const client of [a, b, c]) await syncUntil(client, 'stock', 'dev-s1', row.ver);

    expect(row.data).toEqual({ name: 'Coffee', qty: 4 });
    for (const client of [a, b, c])
      expect(await client.get('stock', 'dev-s1')).toMatchObject({ ver: row.ver, data: row.data });
    for (const client of [a, b, c]) expect(await client.conflicts()).toEqual([]);
  });

  it('a shared table: head office publishes, every device pulls it, a store write is a TypeError and the rest syncs', async () => {
    await server.t
      .as('admin')
      .post('/admin/tables/producto/batch')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'dev-p1', name: 'Tea', price: 5 } }] })
      .expect(200);
    const [a, b] = [device({ maxSameErrors: 1 }), device()];
    await Promise.all([syncUntil(a, 'producto', 'dev-p1', 1), syncUntil(b, 'producto', 'dev-p1', 1)]);
    for (const client of [a, b])
      expect(await client.get('producto', 'dev-p1')).toMatchObject({ data: { name: 'Tea', price: 5 } });
    // The server lists producto as shared (GET /tables): the app's write is a TypeError, nothing is queued.
    await expect(a.create('producto', { id: 'dev-p2', price: 1 })).rejects.toThrow(TypeError);
    await a.create('venta', { id: 'dev-v2', total: 1 });
    expect(await a.sync()).toMatchObject({ rejected: 0, pending: 0 });
    expect(await rowOf('venta', 'dev-v2')).toMatchObject({ ver: 1 });
    expect(await rowOf('producto', 'dev-p2')).toBeUndefined();
  });
});

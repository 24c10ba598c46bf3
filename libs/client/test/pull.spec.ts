import type { ChangeEvent } from '../src/types';
import { ResyncClient } from '../src/client';
import { MemoryStore } from '../src/stores/memory-store';
import { json } from './fake-server';
import { device, setup } from './client-setup';

describe(`${ResyncClient.name} pull`, () => {
  it('pages through the feed with the server cursor and applies every record, then asks from where it stopped', async () => {
    const { client, server } = setup({ pullLimit: 3 });
    server.tables!.set('producto', { shared: true });
    for (let i = 0; i < 7; i++) server.publish('producto', `p${i}`, { price: i });
    const events: ChangeEvent[] = [];
    client.on('change', (e) => events.push(e));

    expect(await client.pull()).toEqual({ pulled: 7, removed: 0, resets: 0 });

    expect(server.pulls.map((p) => [p.since, p.limit])).toEqual([
      [null, 3],
      ['c3', 3],
      ['c6', 3],
    ]);
    expect((await client.list('producto')).map((r) => [r.id, r.ver, r.data.price])).toEqual(
      Array.from({ length: 7 }, (_, i) => [`p${i}`, 1, i]),
    );
    expect(events[0]).toEqual({
      table: 'producto',
      id: 'p0',
      ver: 1,
      data: { price: 0 },
      deleted: false,
      origin: 'remote',
    });
    server.publish('producto', 'p2', { price: 20 });
    server.publish('producto', 'p5', null);
    expect(await client.pull()).toEqual({ pulled: 2, removed: 0, resets: 0 });
    expect(server.pulls.at(-1)!.since).toBe('c7');
    expect(await client.get('producto', 'p2')).toEqual({ id: 'p2', ver: 2, data: { price: 20 }, pending: false });
    expect(await client.get('producto', 'p5')).toBeNull();
    expect(events.at(-1)).toMatchObject({ id: 'p5', ver: 2, deleted: true, data: null, origin: 'remote' });
    expect((await client.list('producto', { limit: 2, after: 'p3' })).map((r) => r.id)).toEqual(['p4', 'p6']);
  });

  it('keeps the cursor in the store: a page that failed is asked again, one that was applied never is', async () => {
    const store = new MemoryStore();
    const { client, server } = setup({ store, pullLimit: 2 });
    server.tables!.set('producto', { shared: true });
    for (let i = 0; i < 5; i++) server.publish('producto', `p${i}`, { price: i });
    let failures = 1;
    server.beforePull = (_t, since) => (since === 'c2' && failures-- > 0 ? json(503, { message: 'busy' }) : undefined);
    await client.pull();
    expect(server.pulls.map((p) => p.since)).toEqual([null, 'c2', 'c2', 'c4']);
    await client.close();

    // The same store restarted: it goes on from its cursor.
    const again = device(server, { store, pullLimit: 2 }).client;
    server.publish('producto', 'p9', { price: 9 });
    expect(await again.pull()).toMatchObject({ pulled: 1 });
    expect(server.pulls.at(-1)!.since).toBe('c5');
    expect((await again.list('producto')).length).toBe(6);
  });

  it('rebases a pending local change on the pulled version instead of applying the remote change over it', async () => {
    const { client: a, server } = setup({ tables: ['venta'] });
    const b = device(server, { tables: ['venta'] }).client;
    await a.create('venta', { id: 's1', total: 1 });
    await a.sync();
    await b.sync();
    await a.update('venta', { id: 's1', total: 2 });
    await a.sync();
    await b.update('venta', { id: 's1', total: 3, note: 'b' }); // made on ver 1; the server has ver 2

    expect(await b.pull()).toMatchObject({ pulled: 1 });
    expect(await b.get('venta', 's1')).toEqual({ id: 's1', ver: 3, data: { total: 3, note: 'b' }, pending: true });
    expect((await b.pending()).map((p) => [p.op, p.ver])).toEqual([['UPDATE', 3]]);

    await b.sync();
    expect(server.rows.get('venta/s1')).toEqual({ ver: 3, data: { total: 3, note: 'b' }, deleted: false });
    expect(server.ops.filter((o) => o.status === 'CONFLICT')).toEqual([]);
    expect(await b.conflicts()).toEqual([]);
    await a.sync();
    expect(await a.get('venta', 's1')).toEqual(await b.get('venta', 's1'));
  });

  it('starts over with a full pull when the cursor expired, and drops local records the server no longer has', async () => {
    const { client, server } = setup({ tables: ['venta'] });
    const other = device(server, { tables: ['venta'] }).client;
    for (const id of ['a', 'b', 'c']) await other.create('venta', { id, total: 1 });
    await other.sync();
    await client.sync();
    await client.create('venta', { id: 'mine', total: 5 }); // still pending: kept
    await other.delete('venta', 'b');
    await other.sync();
    server.expiredBefore = Infinity;
    const events: ChangeEvent[] = [];
    client.on('change', (e) => events.push(e));

    const report = await client.pull();

    expect(report).toMatchObject({ resets: 1, removed: 1 });
    expect(server.pulls.slice(-2).map((p) => p.since)).toEqual(['c3', null]);
    expect((await client.list('venta')).map((r) => r.id)).toEqual(['a', 'c', 'mine']);
    expect(events).toContainEqual({ table: 'venta', id: 'b', ver: 1, data: null, deleted: true, origin: 'remote' });
    server.expiredBefore = 0;
    await client.sync();
    expect(server.rows.get('venta/mine')).toMatchObject({ ver: 1, data: { total: 5 } });
  });

  it('pulls every table GET /tables lists before its first push and after pushing, and refuses a local write to a shared table', async () => {
    const { client, server } = setup();
    server.tables!.set('producto', { shared: true }).set('venta', {});
    server.publish('producto', 'p1', { price: 10 });
    await client.create('venta', { id: 's1', total: 1 });
    await client.sync();
    // A first sync pulls before it pushes (bases from the server's state), and after.
    expect(server.pulls.map((p) => p.table).sort()).toEqual(['producto', 'producto', 'venta', 'venta']);
    expect(await client.get('producto', 'p1')).toMatchObject({ data: { price: 10 } });
    await expect(client.update('producto', { id: 'p1', price: 1 })).rejects.toThrow(TypeError);
    await expect(client.write([{ op: 'DELETE', table: 'producto', id: 'p1' }])).rejects.toThrow(/shared table/);
    expect(await client.counts()).toEqual({ pending: 0, sent: 0, rejected: 0 });
  });

  it("never audits a shared table: the head office's rows are in no store's history, and a store cannot resend them", async () => {
    const { client, server } = setup();
    server.tables!.set('producto', { shared: true }).set('venta', {});
    server.publish('producto', 'p1', { price: 10 });
    await client.create('venta', { id: 's1', total: 1 });
    await client.sync();
    expect(await client.get('producto', 'p1')).not.toBeNull();

    expect(await client.audit()).toMatchObject({ checked: 1, healed: 0, rejected: 0, pending: 0 });

    expect(server.requests.filter((r) => r.table === 'producto')).toEqual([]);
    expect(await client.counts()).toEqual({ pending: 0, sent: 0, rejected: 0 });
  });

  it('rejects a write to a shared table the server refuses with 403, and goes on syncing the rest', async () => {
    const { client, server } = setup({ tables: ['venta'], maxSameErrors: 1 });
    server.tables!.set('producto', { shared: true });
    server.listTables = false; // the client cannot know producto is shared before the server says so
    await client.create('producto', { id: 'p1', price: 1 });
    await client.create('venta', { id: 's1', total: 1 });
    const report = await client.sync();
    expect(report).toMatchObject({ confirmed: 1, rejected: 1, pending: 0 });
    expect((await client.rejected())[0]).toMatchObject({
      table: 'producto',
      reason: expect.stringMatching(/is shared/),
    });
  });

  it('pulls only the tables option when the server does not list its tables', async () => {
    const { client, server } = setup({ tables: ['venta'] });
    server.tables = null;
    server.publish('venta', 'x', { total: 1 });
    server.publish('otra', 'y', { total: 1 });
    await client.sync();
    expect(server.pulls.map((p) => p.table)).toEqual(['venta', 'venta']);
    expect(await client.get('venta', 'x')).not.toBeNull();
  });

  it('pushes without base_ver and pulls nothing on a server that serves neither GET /tables nor a feed (0.1)', async () => {
    const { client, server } = setup();
    server.tables = null;
    await client.create('venta', { id: 'a', total: 1 });
    await client.update('venta', { id: 'a', total: 2 });
    await client.sync();
    expect(server.requests[0].body.operations.map((o: any) => o.record)).toEqual([
      { id: 'a', ver: 1, id_cola: expect.any(String), total: 1 },
      { id: 'a', ver: 2, id_cola: expect.any(String), total: 2 },
    ]);
    expect(server.pulls).toEqual([]);
    expect(server.rows.get('venta/a')).toEqual({ ver: 2, data: { total: 2 }, deleted: false });
  });

  it('sends its device id with every request', async () => {
    const { client, server } = setup({ tables: ['venta'] });
    await client.create('venta', { id: 'a' });
    await client.sync();
    const id = await client.deviceId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(server.devices)).toEqual(new Set([id]));
    expect(server.ops[0].device).toBe(id);
  });
});

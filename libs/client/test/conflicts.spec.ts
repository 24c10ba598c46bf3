import type { Conflict, ConflictInfo } from '../src/types';
import { ResyncClient } from '../src/client';
import { FakeServer } from './fake-server';
import { device } from './client-setup';
import type { ResyncClientOptions } from '../src/client-options';

/** Two devices that both changed stock s1 (qty 10) made on version 1: A's change lands first. */
async function twoDevicesChangedOneRecord(options: Partial<ResyncClientOptions> = {}, policy?: 'merge' | 'counter') {
  const server = new FakeServer();
  server.tables!.set('stock', { policy: policy ?? 'reject', counters: ['qty'] });
  const a = device(server).client;
  const b = device(server, options).client;
  await a.create('stock', { id: 's1', qty: 10, name: 'tea' });
  await a.sync();
  await b.sync();
  await a.update('stock', { id: 's1', qty: 9, name: 'tea' });
  await b.update('stock', { id: 's1', qty: 8, name: 'green tea' });
  await a.sync();
  return { server, a, b };
}

describe(`${ResyncClient.name} conflicts`, () => {
  it('by default adopts the server state, emits conflict with the local change and keeps it until cleared', async () => {
    const { server, a, b } = await twoDevicesChangedOneRecord();
    const seen: Conflict[] = [];
    b.on('conflict', (c) => seen.push(c));

    const report = await b.sync();

    expect(report).toMatchObject({ pushed: 1, confirmed: 0, pending: 0, rejected: 0 });
    const expected = {
      table: 'stock',
      id: 's1',
      local: expect.objectContaining({ ver: 2, baseVer: 1, op: 'UPDATE', data: { qty: 8, name: 'green tea' } }),
      serverVer: 2,
      serverData: { qty: 9, name: 'tea' },
      deleted: false,
      resolution: 'server',
    };
    expect(seen).toEqual([expect.objectContaining(expected)]);
    expect(await b.conflicts()).toEqual([expect.objectContaining(expected)]);
    expect(await b.get('stock', 's1')).toEqual({ id: 's1', ver: 2, data: { qty: 9, name: 'tea' }, pending: false });
    expect(server.rows.get('stock/s1')).toMatchObject({ ver: 2, data: { qty: 9, name: 'tea' } });
    expect(await b.clearConflict('stock', 's1')).toBe(1);
    expect(await b.conflicts()).toEqual([]);
    await a.sync();
    expect(await a.get('stock', 's1')).toEqual(await b.get('stock', 's1'));
  });

  it('writes the record onConflict returns on top of the server version, with that version as base_ver', async () => {
    const asked: ConflictInfo[] = [];
    const { server, b } = await twoDevicesChangedOneRecord({
      onConflict: (c) => {
        asked.push(c);
        return { id: c.id, qty: 7, name: 'green tea' };
      },
    });
    await b.sync();
    expect(asked).toHaveLength(1);
    expect(server.rows.get('stock/s1')).toEqual({ ver: 3, data: { qty: 7, name: 'green tea' }, deleted: false });
    const last = server.requests.filter((r) => r.kind === 'batch').at(-1)!;
    expect(last.body.operations[0]).toMatchObject({ operation: 'UPDATE', record: { ver: 3, base_ver: 2 } });
    expect(await b.get('stock', 's1')).toMatchObject({ ver: 3, pending: false });
    expect(await b.conflicts()).toEqual([]);
  });

  it("re-applies the local change on top with 'local', and keeps the server's with 'server'", async () => {
    const local = await twoDevicesChangedOneRecord({ onConflict: () => 'local' });
    const resolutions: string[] = [];
    local.b.on('conflict', (c) => resolutions.push(c.resolution));
    await local.b.sync();
    expect(local.server.rows.get('stock/s1')).toEqual({ ver: 3, data: { qty: 8, name: 'green tea' }, deleted: false });
    expect(resolutions).toEqual(['local']);

    const server = await twoDevicesChangedOneRecord({ onConflict: () => 'server' });
    await server.b.sync();
    expect(server.server.rows.get('stock/s1')).toEqual({ ver: 2, data: { qty: 9, name: 'tea' }, deleted: false });
    expect(await server.b.get('stock', 's1')).toMatchObject({ ver: 2, data: { qty: 9, name: 'tea' } });
    expect(await server.b.conflicts()).toEqual([]);
    expect(await server.b.counts()).toEqual({ pending: 0, sent: 0, rejected: 0 });
  });

  it('adopts the merged version and row the server answers for a merge table', async () => {
    const server = new FakeServer();
    server.tables!.set('cliente', { policy: 'merge' });
    const a = device(server).client;
    const b = device(server).client;
    await a.create('cliente', { id: 'c1', name: 'Ana', phone: '1' });
    await a.sync();
    await b.sync();
    await a.update('cliente', { id: 'c1', name: 'Ana', phone: '2' });
    await b.update('cliente', { id: 'c1', name: 'Ana María', phone: '1' });
    await a.sync();
    const conflicts: Conflict[] = [];
    b.on('conflict', (c) => conflicts.push(c));

    expect(await b.sync()).toMatchObject({ confirmed: 1, pending: 0 });

    expect(conflicts).toEqual([]);
    expect(await b.get('cliente', 'c1')).toEqual({
      id: 'c1',
      ver: 3,
      data: { name: 'Ana María', phone: '2' },
      pending: false,
    });
    await a.sync();
    expect(await a.get('cliente', 'c1')).toEqual(await b.get('cliente', 'c1'));
  });

  it("sends a record's next offline change only once the server answered its first: merged, it moves on top", async () => {
    const { server, a, b } = await twoDevicesChangedOneRecord({}, 'counter');
    await b.update('stock', { id: 's1', qty: 7, name: 'green tea' }); // sold one more, made on its own ver 2
    await b.sync(); // qty 8 merged into ver 3; qty 7 must follow on ver 3, not on the server's ver 2 (a's)
    await a.sync();
    const final = { qty: 10 - 1 - 2 - 1, name: 'green tea' };
    expect(server.rows.get('stock/s1')).toEqual({ ver: 4, data: final, deleted: false });
    for (const client of [a, b]) expect(await client.get('stock', 's1')).toMatchObject({ ver: 4, data: final });
    const sent = server.requests.filter((r) => r.kind === 'batch' && r.table === 'stock').slice(-2);
    expect(sent.map((r) => r.body.operations.map((o: any) => `${o.record.base_ver}->${o.record.ver}`))).toEqual([
      ['1->2'],
      ['3->4'],
    ]);
  });

  it("moves a record's next change on top of a merge whose answer was lost: the resend's answer names the merged version", async () => {
    const { server, a, b } = await twoDevicesChangedOneRecord({}, 'counter');
    await b.update('stock', { id: 's1', qty: 7, name: 'green tea' }); // sold one more, on its own ver 2
    let drop = true;
    server.after = (kind) => (kind === 'batch' && drop ? ((drop = false), 'network') : undefined); // qty 8's answer is lost
    await b.sync(); // resent: "Duplicate bypassed" at ver 3 (merged), so qty 7 goes on ver 3
    await a.sync();
    const final = { qty: 10 - 1 - 2 - 1, name: 'green tea' };
    expect(server.rows.get('stock/s1')).toEqual({ ver: 4, data: final, deleted: false });
    for (const client of [a, b]) expect(await client.get('stock', 's1')).toMatchObject({ ver: 4, data: final });
  });

  it("sends a record's next offline change only once the server answered its first: a conflict takes both", async () => {
    const { server, a, b } = await twoDevicesChangedOneRecord();
    await b.update('stock', { id: 's1', qty: 7, name: 'green tea' }); // made on its own ver 2, not a's ver 2
    const seen: Conflict[] = [];
    b.on('conflict', (c) => seen.push(c));
    await b.sync();
    expect(server.rows.get('stock/s1')).toEqual({ ver: 2, data: { qty: 9, name: 'tea' }, deleted: false });
    expect(seen).toEqual([
      expect.objectContaining({
        local: expect.objectContaining({ ver: 2, baseVer: 1, data: { qty: 7, name: 'green tea' } }),
      }),
    ]);
    expect(server.ops.filter((o) => o.status === 'COMPLETED').map((o) => o.ver)).toEqual([1, 2]);
    await a.sync();
    expect(await b.get('stock', 's1')).toEqual(await a.get('stock', 's1'));
  });

  it('leaves a counter at the start plus every device delta, a pulled change never overwriting a pending one', async () => {
    const { server, a, b } = await twoDevicesChangedOneRecord({}, 'counter');
    await b.pull(); // qty 9 arrives while b's qty 8 (made on 10) waits: the server merges it, not the client
    expect(await b.get('stock', 's1')).toMatchObject({ data: { qty: 8 }, pending: true });
    const c = device(server).client;
    await c.sync();
    await c.update('stock', { id: 's1', qty: 6, name: 'tea' }); // sold three more
    await c.sync();
    await b.sync(); // name and qty: name changed only by b, qty merged by delta
    await a.sync();
    await c.sync();
    const final = { qty: 10 - 1 - 2 - 3, name: 'green tea' };
    expect(server.rows.get('stock/s1')?.data).toEqual(final);
    for (const client of [a, b, c]) expect((await client.get('stock', 's1'))?.data).toEqual(final);
  });
});

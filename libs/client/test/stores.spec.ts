import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IndexedDbStore } from '../src/stores/indexeddb-store';
import { MemoryStore } from '../src/stores/memory-store';
import { SqliteStore } from '../src/sqlite/sqlite-store';
import type { ResyncStore } from '../src/store';

const dir = mkdtempSync(join(tmpdir(), 'resync-client-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const kinds: [string, () => ResyncStore][] = [
  [MemoryStore.name, () => new MemoryStore()],
  [SqliteStore.name, () => new SqliteStore(join(dir, `store-${++n}.db`), { synchronous: 'NORMAL' })],
  [IndexedDbStore.name, () => new IndexedDbStore({ name: `store-${++n}` })],
];

describe.each(kinds)('%s', (_name, make) => {
  let store: ResyncStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(() => store.close());

  it('gives each local change of a record the next version, deletions included, and a unique id_cola', async () => {
    const entries = await store.enqueue(
      [
        { table: 'venta', id: 'a', op: 'CREATE', data: { total: 1 } },
        { table: 'venta', id: 'b', op: 'CREATE', data: { total: 2 } },
        { table: 'venta', id: 'a', op: 'UPDATE', data: { total: 3 } },
        { table: 'venta', id: 'a', op: 'DELETE', data: null },
        { table: 'devolucion', id: 'a', op: 'CREATE', data: {} },
      ],
      1000,
    );
    expect(entries.map((e) => [e.table, e.id, e.ver, e.op, e.state])).toEqual([
      ['venta', 'a', 1, 'CREATE', 'pending'],
      ['venta', 'b', 1, 'CREATE', 'pending'],
      ['venta', 'a', 2, 'UPDATE', 'pending'],
      ['venta', 'a', 3, 'DELETE', 'pending'],
      ['devolucion', 'a', 1, 'CREATE', 'pending'],
    ]);
    expect(new Set(entries.map((e) => e.queueId)).size).toBe(5);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((x, y) => x - y));
    // A confirmed history does not reset the version.
    await store.confirm(entries.map((e) => e.seq));
    const [again] = await store.enqueue([{ table: 'venta', id: 'a', op: 'CREATE', data: { total: 4 } }], 2000);
    expect(again.ver).toBe(4);
    expect(again.seq).toBeGreaterThan(entries[4].seq);
  });

  it('pages due entries by state, seq and time, and applies patches', async () => {
    const entries = await store.enqueue(
      Array.from({ length: 10 }, (_, i) => ({ table: 't', id: `r${i}`, op: 'CREATE' as const, data: { i } })),
      100,
    );
    await store.update([
      { seq: entries[1].seq, state: 'sent' },
      { seq: entries[2].seq, notBefore: 500, lastError: 'boom', errorCount: 2 },
      { seq: entries[3].seq, state: 'rejected', lastError: 'bad' },
    ]);
    const first = await store.due('pending', 200, 0, 3);
    expect(first.map((e) => e.id)).toEqual(['r0', 'r4', 'r5']);
    const next = await store.due('pending', 200, first[2].seq, 100);
    expect(next.map((e) => e.id)).toEqual(['r6', 'r7', 'r8', 'r9']);
    expect((await store.due('pending', 600, 0, 2)).map((e) => e.id)).toEqual(['r0', 'r2']);
    expect((await store.due('sent', 200, 0, 10)).map((e) => e.id)).toEqual(['r1']);
    expect(await store.counts()).toEqual({ pending: 8, sent: 1, rejected: 1 });
    expect(await store.nextDue()).toBe(100);
    const [rejected] = await store.entries({ states: ['rejected'] });
    expect([rejected.id, rejected.lastError]).toEqual(['r3', 'bad']);
    expect((await store.entries({ table: 't', id: 'r2' }))[0]).toMatchObject({
      errorCount: 2,
      lastError: 'boom',
      notBefore: 500,
      data: { i: 2 },
    });
  });

  it('keeps records after confirmation and re-queues only records without open changes, at the same version', async () => {
    const [a1, b1, a2] = await store.enqueue(
      [
        { table: 't', id: 'a', op: 'CREATE', data: { v: 1 } },
        { table: 't', id: 'b', op: 'CREATE', data: { v: 1 } },
        { table: 't', id: 'a', op: 'UPDATE', data: { v: 2 } },
      ],
      1,
    );
    expect(await store.requeue('t', 'a', 'pending', 2)).toBeNull();
    await store.confirm([a1.seq, a2.seq]);
    const records = await store.records({ limit: 10 });
    expect(records.map((r) => [r.id, r.ver, r.op, r.open, r.data])).toEqual([
      ['a', 2, 'UPDATE', 0, { v: 2 }],
      ['b', 1, 'CREATE', 1, { v: 1 }],
    ]);
    const again = await store.requeue('t', 'a', 'sent', 3);
    expect(again).toMatchObject({ id: 'a', ver: 2, op: 'UPDATE', data: { v: 2 }, state: 'sent' });
    expect(again!.queueId).not.toBe(a2.queueId);
    expect(await store.requeue('t', 'a', 'pending', 4)).toBeNull();
    expect((await store.records({ limit: 10, after: { table: 't', id: 'a' } })).map((r) => r.id)).toEqual(['b']);
    expect(await store.records({ limit: 10, table: 'other' })).toEqual([]);
    await store.remove([b1.seq]);
    expect(await store.counts()).toEqual({ pending: 0, sent: 1, rejected: 0 });
  });
});

describe('SqliteStore durability', () => {
  it('keeps the queue, versions and store id across a reopen of the file', async () => {
    const path = join(dir, 'reopen.db');
    const first = new SqliteStore(path);
    const [entry] = await first.enqueue([{ table: 't', id: 'x', op: 'CREATE', data: { a: 1 } }], 1);
    const id = await first.storeId();
    await first.close();
    const second = new SqliteStore(path);
    expect(await second.storeId()).toBe(id);
    expect(await second.entries({})).toEqual([entry]);
    const [next] = await second.enqueue([{ table: 't', id: 'x', op: 'UPDATE', data: { a: 2 } }], 2);
    expect([next.ver, next.seq > entry.seq]).toEqual([2, true]);
    await second.close();
  });
});

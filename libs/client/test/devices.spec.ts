import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResyncClient } from '../src/client';
import { SqliteStore } from '../src/sqlite/sqlite-store';
import type { ResyncStore } from '../src/store';
import { IndexedDbStore } from '../src/stores/indexeddb-store';
import { FakeServer } from './fake-server';
import { device } from './client-setup';

const dir = mkdtempSync(join(tmpdir(), 'resync-client-devices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Durable stores: `open(name)` twice gives the same store, as a restarted process would. */
const durable: [string, () => (name: string) => ResyncStore][] = [
  [SqliteStore.name, () => (name) => new SqliteStore(join(dir, `${name}.db`), { synchronous: 'NORMAL' })],
  [IndexedDbStore.name, () => (name) => new IndexedDbStore({ name })],
];

describe.each(durable)('%s across a restart', (_name, opener) => {
  it('keeps the device id, the pulled records, the cursor and the conflicts', async () => {
    const open = opener();
    const name = `restart-${++n}`;
    const server = new FakeServer();
    server.tables!.set('producto', { shared: true }).set('stock', {});
    server.publish('producto', 'p1', { price: 1 });
    server.publish('stock', 's1', { qty: 10 });
    const first = device(server, { store: open(name) }).client;
    await first.sync(); // pulls p1 and s1
    server.publish('stock', 's1', { qty: 11 }); // another device: ver 2
    await first.update('stock', { id: 's1', qty: 9 }); // made on ver 1: a conflict
    const id = await first.deviceId();
    await first.sync();
    expect(await first.conflicts()).toHaveLength(1);
    await first.close();

    const second = device(server, { store: open(name) }).client;
    expect(await second.deviceId()).toBe(id);
    expect(await second.get('producto', 'p1')).toMatchObject({ ver: 1, data: { price: 1 } });
    expect(await second.get('stock', 's1')).toMatchObject({ ver: 2, data: { qty: 11 }, pending: false });
    expect(await second.conflicts()).toEqual([expect.objectContaining({ table: 'stock', id: 's1', serverVer: 2 })]);
    server.publish('producto', 'p2', { price: 2 });
    const before = server.pulls.length;
    await second.pull();
    expect(server.pulls.slice(before).every((p) => p.since !== null)).toBe(true);
    expect(await second.get('producto', 'p2')).not.toBeNull();
    await expect(second.create('producto', { id: 'p3' })).rejects.toThrow(TypeError);
    expect(await second.clearConflict('stock')).toBe(1);
    await second.close();
    const other = device(server, { store: open(`${name}-other`) }).client;
    expect(await other.deviceId()).not.toBe(id);
    await other.close();
  });
});

describe('stores made by 0.1', () => {
  it('SQLite: a 0.1 file gets the new columns, a device id, and its queued change is pushed without base_ver', async () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE records (tbl TEXT NOT NULL, id TEXT NOT NULL, ver INTEGER NOT NULL, op TEXT NOT NULL, data TEXT,
        open INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tbl, id)) WITHOUT ROWID;
      CREATE TABLE queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, id TEXT NOT NULL, ver INTEGER NOT NULL,
        op TEXT NOT NULL, data TEXT, queue_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
        error_count INTEGER NOT NULL, last_error TEXT, checks INTEGER NOT NULL, not_before INTEGER NOT NULL, created_at INTEGER NOT NULL);
      INSERT INTO meta VALUES ('storeId', 'abc');
      INSERT INTO records VALUES ('venta', 'v1', 1, 'CREATE', '{"total":1}', 1);
      INSERT INTO queue VALUES (1, 'venta', 'v1', 1, 'CREATE', '{"total":1}', 'abc-1', 'pending', 0, 0, NULL, 0, 0, 0);
    `);
    old.close();
    const store = new SqliteStore(path);
    expect(await store.storeId()).toBe('abc');
    expect(await store.deviceId()).toMatch(/^[0-9a-f]{32}$/);
    expect((await store.entries({}))[0]).toMatchObject({ id: 'v1', baseVer: null });
    const server = new FakeServer();
    const client = device(server, { store }).client;
    await client.update('venta', { id: 'v1', total: 2 });
    await client.sync();
    const pushed = server.requests.flatMap((r) => r.body.operations ?? []).map((o: any) => o.record);
    expect(pushed).toEqual([
      { id: 'v1', ver: 1, id_cola: 'abc-1', total: 1 },
      { id: 'v1', ver: 2, id_cola: 'abc-2', base_ver: 1, total: 2 },
    ]);
    await client.close();
  });

  it('IndexedDB: a version 1 database is upgraded (conflicts, record index, device id) and keeps its queue', async () => {
    const name = `old-${++n}`;
    await new Promise<void>((done, fail) => {
      const opening = indexedDB.open(name, 1);
      opening.onupgradeneeded = () => {
        const db = opening.result;
        db.createObjectStore('queue', { keyPath: 'seq' }).createIndex('state', ['state', 'seq']);
        db.createObjectStore('records', { keyPath: ['table', 'id'] }).put({
          table: 'venta',
          id: 'v1',
          ver: 1,
          op: 'CREATE',
          data: { total: 1 },
          open: 1,
        });
        db.createObjectStore('meta', { keyPath: 'key' }).put({ key: 'storeId', value: 'old' });
        opening.transaction!.objectStore('queue').put({
          seq: 1,
          table: 'venta',
          id: 'v1',
          ver: 1,
          op: 'CREATE',
          data: { total: 1 },
          queueId: 'old-1',
          state: 'pending',
          attempts: 0,
          errorCount: 0,
          lastError: null,
          checks: 0,
          notBefore: 0,
          createdAt: 0,
        });
        opening.transaction!.objectStore('meta').put({ key: 'lastSeq', value: 1 });
      };
      opening.onsuccess = () => (opening.result.close(), done());
      opening.onerror = () => fail(opening.error);
    });
    const store = new IndexedDbStore({ name });
    expect(await store.storeId()).toBe('old');
    expect(await store.deviceId()).toMatch(/^[0-9a-f]{32}$/);
    expect(await store.entries({ table: 'venta', id: 'v1' })).toHaveLength(1);
    const server = new FakeServer();
    const client = device(server, { store, tables: ['venta'] }).client;
    await client.sync();
    expect(server.requests[0].body.operations[0].record).toEqual({ id: 'v1', ver: 1, id_cola: 'old-1', total: 1 });
    expect(await client.get('venta', 'v1')).toEqual({ id: 'v1', ver: 1, data: { total: 1 }, pending: false });
    await client.close();
  });
});

describe(ResyncClient.name, () => {
  it('gives two devices on one key different device ids', async () => {
    const server = new FakeServer();
    const [a, b] = [device(server).client, device(server).client];
    expect(await a.deviceId()).not.toBe(await b.deviceId());
  });
});

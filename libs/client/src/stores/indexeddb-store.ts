/// <reference lib="dom" />
import type { EntryFilter, RecordFilter, ResyncStore, TransactRequest } from '../store.js';
import type { ChangeState, Conflict, EntryPatch, NewChange, QueueCounts, QueueEntry, RecordMeta } from '../types.js';
import { applyPatch, newDeviceId, newEntry, newStoreId, recordAfter } from './entries.js';
import { changeEvent, StorePlan, StoreState } from './plans.js';

export interface IndexedDbStoreOptions {
  /** Database name. Default `resync`. One database per client key / user. */
  name?: string;
  /** The IndexedDB factory (tests pass fake-indexeddb's); the global `indexedDB` by default. */
  indexedDB?: IDBFactory;
}

const QUEUE = 'queue';
const RECORDS = 'records';
const META = 'meta';
const CONFLICTS = 'conflicts';
/** 1: queue, records, meta (0.1). 2: conflicts, the queue's record index, the device id. */
const VERSION = 2;
const STATES: ChangeState[] = ['pending', 'sent', 'rejected'];

/**
 * The queue in the browser's IndexedDB: each method is one IndexedDB transaction, so a tab closed
 * at any moment leaves the store as after the last finished call.
 */
export class IndexedDbStore implements ResyncStore {
  private readonly db: Promise<IDBDatabase>;
  private id?: string;

  constructor(options: IndexedDbStoreOptions = {}) {
    const factory = options.indexedDB ?? globalThis.indexedDB;
    if (!factory) throw new TypeError('No IndexedDB here: pass options.indexedDB');
    this.db = open(factory, options.name ?? 'resync');
  }

  async enqueue(changes: NewChange[], now: number): Promise<QueueEntry[]> {
    return this.transaction([QUEUE, RECORDS, META], 'readwrite', async (t) => {
      const meta = t.objectStore(META);
      const storeId = (await request<{ value: string }>(meta.get('storeId'))).value;
      let lastSeq = (await request<{ value: number } | undefined>(meta.get('lastSeq')))?.value ?? 0;
      const entries: QueueEntry[] = [];
      for (const change of changes) {
        const previous = await request<RecordMeta | undefined>(t.objectStore(RECORDS).get([change.table, change.id]));
        const ver = (previous?.ver ?? 0) + 1;
        const entry = newEntry(++lastSeq, change, ver, storeId, now);
        t.objectStore(QUEUE).add(entry);
        await request(
          t.objectStore(RECORDS).put(recordAfter(change, ver, (previous?.open ?? 0) + 1, previous?.epoch ?? 0)),
        );
        entries.push(entry);
      }
      meta.put({ key: 'lastSeq', value: lastSeq });
      return entries;
    });
  }

  async requeue(table: string, id: string, state: ChangeState, now: number): Promise<QueueEntry | null> {
    return this.transaction([QUEUE, RECORDS, META], 'readwrite', async (t) => {
      const record = await request<RecordMeta | undefined>(t.objectStore(RECORDS).get([table, id]));
      if (!record || record.open > 0) return null;
      const meta = t.objectStore(META);
      const storeId = (await request<{ value: string }>(meta.get('storeId'))).value;
      const seq = ((await request<{ value: number } | undefined>(meta.get('lastSeq')))?.value ?? 0) + 1;
      const entry = {
        ...newEntry(seq, { table, id, op: record.op, data: record.data }, record.ver, storeId, now, null),
        state,
      };
      t.objectStore(QUEUE).add(entry);
      t.objectStore(RECORDS).put({ ...record, open: 1 });
      meta.put({ key: 'lastSeq', value: seq });
      return entry;
    });
  }

  async due(state: ChangeState, now: number, afterSeq: number, limit: number): Promise<QueueEntry[]> {
    return this.transaction([QUEUE], 'readonly', (t) =>
      collect<QueueEntry>(
        t
          .objectStore(QUEUE)
          .index('state')
          .openCursor(IDBKeyRange.bound([state, afterSeq + 1], [state, Infinity])),
        limit,
        (e) => e.notBefore <= now,
      ),
    );
  }

  async entries(filter: EntryFilter): Promise<QueueEntry[]> {
    if (filter.table !== undefined && filter.id !== undefined) {
      // One record's entries: through its index, not a walk of the whole queue.
      const { table, id } = filter;
      const all = await this.transaction([QUEUE], 'readonly', (t) =>
        request<QueueEntry[]>(t.objectStore(QUEUE).index('record').getAll([table, id])),
      );
      return all
        .filter((e) => e.seq > (filter.afterSeq ?? 0) && (!filter.states || filter.states.includes(e.state)))
        .sort((a, b) => a.seq - b.seq)
        .slice(0, filter.limit ?? Infinity);
    }
    return this.transaction([QUEUE], 'readonly', (t) =>
      collect<QueueEntry>(
        t.objectStore(QUEUE).openCursor(IDBKeyRange.lowerBound(filter.afterSeq ?? 0, true)),
        filter.limit ?? Infinity,
        (e) =>
          (!filter.states || filter.states.includes(e.state)) &&
          (filter.table === undefined || e.table === filter.table) &&
          (filter.id === undefined || e.id === filter.id),
      ),
    );
  }

  async update(patches: EntryPatch[]): Promise<void> {
    if (patches.length === 0) return;
    await this.transaction([QUEUE], 'readwrite', async (t) => {
      const queue = t.objectStore(QUEUE);
      for (const patch of patches) {
        const entry = await request<QueueEntry | undefined>(queue.get(patch.seq));
        if (entry) queue.put(applyPatch(entry, patch));
      }
    });
  }

  confirm(seqs: number[]): Promise<void> {
    return this.drop(seqs);
  }

  remove(seqs: number[]): Promise<void> {
    return this.drop(seqs);
  }

  async counts(): Promise<QueueCounts> {
    return this.transaction([QUEUE], 'readonly', async (t) => {
      const index = t.objectStore(QUEUE).index('state');
      const [pending, sent, rejected] = await Promise.all(
        STATES.map((s) => request<number>(index.count(IDBKeyRange.bound([s, -Infinity], [s, Infinity])))),
      );
      return { pending, sent, rejected };
    });
  }

  async nextDue(): Promise<number | null> {
    return this.transaction([QUEUE], 'readonly', async (t) => {
      let next: number | null = null;
      const index = t.objectStore(QUEUE).index('state');
      for (const state of ['pending', 'sent'] as const) {
        await collect<QueueEntry>(
          index.openCursor(IDBKeyRange.bound([state, -Infinity], [state, Infinity])),
          Infinity,
          (e) => {
            if (next === null || e.notBefore < next) next = e.notBefore;
            return false;
          },
        );
      }
      return next;
    });
  }

  async records(filter: RecordFilter): Promise<RecordMeta[]> {
    return this.transaction([RECORDS], 'readonly', async (t) => {
      const lower = filter.after
        ? [filter.after.table, filter.after.id]
        : filter.table !== undefined
          ? [filter.table]
          : null;
      const range = lower ? IDBKeyRange.lowerBound(lower, filter.after !== undefined) : null;
      const found: RecordMeta[] = [];
      await collect<RecordMeta>(
        t.objectStore(RECORDS).openCursor(range),
        filter.limit,
        (r) => filter.table === undefined || r.table === filter.table,
        (r) => filter.table !== undefined && r.table > filter.table,
        found,
      );
      return found;
    });
  }

  async storeId(): Promise<string> {
    this.id ??= await this.transaction(
      [META],
      'readonly',
      async (t) => (await request<{ value: string }>(t.objectStore(META).get('storeId'))).value,
    );
    return this.id;
  }

  async deviceId(): Promise<string> {
    return (await this.getMeta('deviceId')) as string;
  }

  async record(table: string, id: string): Promise<RecordMeta | null> {
    return this.transaction([RECORDS], 'readonly', async (t) =>
      withEpoch(await request<RecordMeta | undefined>(t.objectStore(RECORDS).get([table, id]))),
    );
  }

  async getMeta(key: string): Promise<unknown> {
    return this.transaction([META], 'readonly', async (t) => {
      return (await request<{ value: unknown } | undefined>(t.objectStore(META).get(key)))?.value;
    });
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.transaction([META], 'readwrite', async (t) => {
      await request(t.objectStore(META).put({ key, value }));
    });
  }

  async transact(req: TransactRequest, plan: (state: StoreState) => StorePlan): Promise<StorePlan> {
    return this.transaction([QUEUE, RECORDS, META, CONFLICTS], 'readwrite', async (t) => {
      const meta = t.objectStore(META);
      const records = t.objectStore(RECORDS);
      const queue = t.objectStore(QUEUE);
      const state: StoreState = {
        table: req.table,
        records: new Map(),
        meta: new Map(),
        lastSeq: (await request<{ value: number } | undefined>(meta.get('lastSeq')))?.value ?? 0,
        storeId: (await request<{ value: string }>(meta.get('storeId'))).value,
      };
      for (const key of req.metaKeys ?? [])
        state.meta.set(key, (await request<{ value: unknown } | undefined>(meta.get(key)))?.value);
      for (const id of req.ids) {
        const record = withEpoch(await request<RecordMeta | undefined>(records.get([req.table, id])));
        const open = await request<QueueEntry[]>(queue.index('record').getAll([req.table, id]));
        state.records.set(id, { record, open: open.sort((a, b) => a.seq - b.seq) });
      }
      const result = plan(state);
      for (const seq of result.removeEntries) queue.delete(seq);
      for (const entry of result.entries) queue.put(entry);
      for (const record of result.records) records.put(record);
      for (const [key, value] of result.meta) meta.put({ key, value });
      for (const conflict of result.conflicts) t.objectStore(CONFLICTS).add(conflict);
      meta.put({ key: 'lastSeq', value: result.lastSeq });
      if (result.sweep) {
        const { table, epoch } = result.sweep;
        await collect<RecordMeta>(records.openCursor(tableRange(table)), Infinity, (r) => {
          const record = withEpoch(r)!;
          if (record.epoch === epoch || record.open > 0) return false;
          records.delete([record.table, record.id]);
          if (record.op !== 'DELETE')
            result.events.push({ ...changeEvent(record, 'remote'), data: null, deleted: true });
          return false;
        });
      }
      return result;
    });
  }

  async conflicts(filter: { table?: string; id?: string }): Promise<Conflict[]> {
    return this.transaction([CONFLICTS], 'readonly', (t) =>
      collect<Conflict>(
        t.objectStore(CONFLICTS).openCursor(),
        Infinity,
        (c) =>
          (filter.table === undefined || c.table === filter.table) && (filter.id === undefined || c.id === filter.id),
      ),
    );
  }

  async clearConflicts(table: string, id?: string): Promise<number> {
    return this.transaction([CONFLICTS], 'readwrite', async (t) => {
      const store = t.objectStore(CONFLICTS);
      const keys = await request<IDBValidKey[]>(
        store.index('record').getAllKeys(id === undefined ? tableRange(table) : [table, id]),
      );
      for (const key of keys) store.delete(key);
      return keys.length;
    });
  }

  async close(): Promise<void> {
    (await this.db).close();
  }

  private async drop(seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.transaction([QUEUE, RECORDS], 'readwrite', async (t) => {
      const queue = t.objectStore(QUEUE);
      const records = t.objectStore(RECORDS);
      for (const seq of seqs) {
        const entry = await request<QueueEntry | undefined>(queue.get(seq));
        if (!entry) continue;
        queue.delete(seq);
        const record = await request<RecordMeta | undefined>(records.get([entry.table, entry.id]));
        if (record) await request(records.put({ ...record, open: record.open - 1 }));
      }
    });
  }

  /** Runs `work` in one transaction and resolves with its result once the transaction committed. */
  private async transaction<T>(
    stores: string[],
    mode: IDBTransactionMode,
    work: (t: IDBTransaction) => Promise<T>,
  ): Promise<T> {
    const db = await this.db;
    const t = db.transaction(stores, mode, { durability: 'strict' } as IDBTransactionOptions);
    const committed = new Promise<void>((done, fail) => {
      t.oncomplete = () => done();
      t.onerror = () => fail(t.error);
      t.onabort = () => fail(t.error ?? new Error('IndexedDB transaction aborted'));
    });
    let result: T;
    try {
      result = await work(t);
    } catch (error) {
      try {
        t.abort();
      } catch {
        // Already finished.
      }
      await committed.catch(() => undefined);
      throw error;
    }
    await committed;
    return result;
  }
}

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((done, fail) => {
    const opening = factory.open(name, VERSION);
    opening.onupgradeneeded = (event) => {
      const db = opening.result;
      if (event.oldVersion < 1) {
        const queue = db.createObjectStore(QUEUE, { keyPath: 'seq' });
        queue.createIndex('state', ['state', 'seq']);
        db.createObjectStore(RECORDS, { keyPath: ['table', 'id'] });
        db.createObjectStore(META, { keyPath: 'key' }).put({ key: 'storeId', value: newStoreId() });
      }
      if (event.oldVersion < 2) {
        const upgrade = opening.transaction!;
        upgrade.objectStore(QUEUE).createIndex('record', ['table', 'id']);
        db.createObjectStore(CONFLICTS, { autoIncrement: true }).createIndex('record', ['table', 'id']);
        upgrade.objectStore(META).put({ key: 'deviceId', value: newDeviceId() });
      }
    };
    opening.onsuccess = () => done(opening.result);
    opening.onerror = () => fail(opening.error);
  });
}

/** The keys [table, id] of one table: arrays sort after strings. */
function tableRange(table: string): IDBKeyRange {
  return IDBKeyRange.bound([table], [table, []]);
}

/** Records written by 0.1 have no epoch. */
function withEpoch(record: RecordMeta | undefined): RecordMeta | null {
  return record ? { ...record, epoch: record.epoch ?? 0 } : null;
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((done, fail) => {
    req.onsuccess = () => done(req.result as T);
    req.onerror = () => fail(req.error);
  });
}

/** Walks a cursor, keeping values that pass `keep`, until `limit` are kept or `stop` says so. */
function collect<T>(
  cursorRequest: IDBRequest<IDBCursorWithValue | null>,
  limit: number,
  keep: (value: T) => boolean,
  stop: (value: T) => boolean = () => false,
  into: T[] = [],
): Promise<T[]> {
  return new Promise((done, fail) => {
    if (limit <= 0) return done(into);
    cursorRequest.onerror = () => fail(cursorRequest.error);
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) return done(into);
      const value = cursor.value as T;
      if (stop(value)) return done(into);
      if (keep(value)) into.push(value);
      if (into.length >= limit) return done(into);
      cursor.continue();
    };
  });
}

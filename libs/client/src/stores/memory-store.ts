import type { EntryFilter, RecordFilter, ResyncStore, TransactRequest } from '../store.js';
import type { ChangeState, Conflict, EntryPatch, NewChange, QueueCounts, QueueEntry, RecordMeta } from '../types.js';
import { applyPatch, newDeviceId, newEntry, newStoreId, recordAfter, recordKey } from './entries.js';
import { changeEvent, StorePlan, StoreState } from './plans.js';

/** Keeps the queue in memory: for tests and for apps that accept losing it on exit. */
export class MemoryStore implements ResyncStore {
  // Map iteration follows insertion, and seqs are inserted in increasing order.
  private readonly queue = new Map<number, QueueEntry>();
  private readonly recordRows = new Map<string, RecordMeta>();
  private lastSeq = 0;
  private readonly id = newStoreId();
  private readonly device = newDeviceId();
  private readonly meta = new Map<string, unknown>();
  private conflictList: Conflict[] = [];

  async enqueue(changes: NewChange[], now: number): Promise<QueueEntry[]> {
    return changes.map((change) => {
      const key = recordKey(change.table, change.id);
      const previous = this.recordRows.get(key);
      const ver = (previous?.ver ?? 0) + 1;
      const entry = newEntry(++this.lastSeq, change, ver, this.id, now);
      this.queue.set(entry.seq, entry);
      this.recordRows.set(key, recordAfter(change, ver, (previous?.open ?? 0) + 1, previous?.epoch));
      return { ...entry };
    });
  }

  async requeue(table: string, id: string, state: ChangeState, now: number): Promise<QueueEntry | null> {
    const record = this.recordRows.get(recordKey(table, id));
    if (!record || record.open > 0) return null;
    const entry = {
      ...newEntry(++this.lastSeq, { table, id, op: record.op, data: record.data }, record.ver, this.id, now, null),
      state,
    };
    this.queue.set(entry.seq, entry);
    record.open += 1;
    return { ...entry };
  }

  async due(state: ChangeState, now: number, afterSeq: number, limit: number): Promise<QueueEntry[]> {
    const found: QueueEntry[] = [];
    for (const entry of this.queue.values()) {
      if (found.length >= limit) break;
      if (entry.seq > afterSeq && entry.state === state && entry.notBefore <= now) found.push({ ...entry });
    }
    return found;
  }

  async entries(filter: EntryFilter): Promise<QueueEntry[]> {
    const found: QueueEntry[] = [];
    const limit = filter.limit ?? Infinity;
    for (const entry of this.queue.values()) {
      if (found.length >= limit) break;
      if (filter.afterSeq !== undefined && entry.seq <= filter.afterSeq) continue;
      if (filter.states && !filter.states.includes(entry.state)) continue;
      if (filter.table !== undefined && entry.table !== filter.table) continue;
      if (filter.id !== undefined && entry.id !== filter.id) continue;
      found.push({ ...entry });
    }
    return found;
  }

  async update(patches: EntryPatch[]): Promise<void> {
    for (const patch of patches) {
      const entry = this.queue.get(patch.seq);
      if (entry) this.queue.set(patch.seq, applyPatch(entry, patch));
    }
  }

  async confirm(seqs: number[]): Promise<void> {
    this.drop(seqs);
  }

  async remove(seqs: number[]): Promise<void> {
    this.drop(seqs);
  }

  async counts(): Promise<QueueCounts> {
    const counts = { pending: 0, sent: 0, rejected: 0 };
    for (const entry of this.queue.values()) counts[entry.state] += 1;
    return counts;
  }

  async nextDue(): Promise<number | null> {
    let next: number | null = null;
    for (const entry of this.queue.values()) {
      if (entry.state !== 'rejected' && (next === null || entry.notBefore < next)) next = entry.notBefore;
    }
    return next;
  }

  async records(filter: RecordFilter): Promise<RecordMeta[]> {
    const after = filter.after ? recordKey(filter.after.table, filter.after.id) : null;
    return [...this.recordRows.entries()]
      .filter(
        ([key, row]) => (after === null || key > after) && (filter.table === undefined || row.table === filter.table),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, filter.limit)
      .map(([, row]) => ({ ...row }));
  }

  async storeId(): Promise<string> {
    return this.id;
  }

  async deviceId(): Promise<string> {
    return this.device;
  }

  async record(table: string, id: string): Promise<RecordMeta | null> {
    const row = this.recordRows.get(recordKey(table, id));
    return row ? { ...row } : null;
  }

  async getMeta(key: string): Promise<unknown> {
    return structuredClone(this.meta.get(key));
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    this.meta.set(key, structuredClone(value));
  }

  async transact(request: TransactRequest, plan: (state: StoreState) => StorePlan): Promise<StorePlan> {
    const state: StoreState = {
      table: request.table,
      records: new Map(),
      meta: new Map((request.metaKeys ?? []).map((key) => [key, structuredClone(this.meta.get(key))])),
      lastSeq: this.lastSeq,
      storeId: this.id,
    };
    for (const id of request.ids) {
      const record = this.recordRows.get(recordKey(request.table, id));
      state.records.set(id, { record: record ? { ...record } : null, open: [] });
    }
    for (const entry of this.queue.values())
      if (entry.table === request.table) state.records.get(entry.id)?.open.push({ ...entry });
    const result = plan(state);
    for (const seq of result.removeEntries) this.queue.delete(seq);
    // New entries have seqs above lastSeq, so the Map stays in seq order.
    for (const entry of result.entries) this.queue.set(entry.seq, { ...entry });
    for (const record of result.records) this.recordRows.set(recordKey(record.table, record.id), { ...record });
    for (const [key, value] of result.meta) this.meta.set(key, structuredClone(value));
    this.conflictList.push(...result.conflicts.map((c) => structuredClone(c)));
    this.lastSeq = result.lastSeq;
    if (result.sweep) {
      const { table, epoch } = result.sweep;
      for (const [key, row] of this.recordRows) {
        if (row.table !== table || row.epoch === epoch || row.open > 0) continue;
        this.recordRows.delete(key);
        if (row.op !== 'DELETE') result.events.push({ ...changeEvent(row, 'remote'), data: null, deleted: true });
      }
    }
    return result;
  }

  async conflicts(filter: { table?: string; id?: string }): Promise<Conflict[]> {
    return this.conflictList
      .filter(
        (c) =>
          (filter.table === undefined || c.table === filter.table) && (filter.id === undefined || c.id === filter.id),
      )
      .map((c) => structuredClone(c));
  }

  async clearConflicts(table: string, id?: string): Promise<number> {
    const before = this.conflictList.length;
    this.conflictList = this.conflictList.filter((c) => c.table !== table || (id !== undefined && c.id !== id));
    return before - this.conflictList.length;
  }

  async close(): Promise<void> {}

  private drop(seqs: number[]): void {
    for (const seq of seqs) {
      const entry = this.queue.get(seq);
      if (!entry) continue;
      this.queue.delete(seq);
      const record = this.recordRows.get(recordKey(entry.table, entry.id));
      if (record) record.open -= 1;
    }
  }
}

import type { EntryFilter, RecordFilter, ResyncStore } from '../store.js';
import type { ChangeState, EntryPatch, NewChange, QueueCounts, QueueEntry, RecordMeta } from '../types.js';
import { applyPatch, newEntry, newStoreId, recordAfter, recordKey } from './entries.js';

/** Keeps the queue in memory: for tests and for apps that accept losing it on exit. */
export class MemoryStore implements ResyncStore {
  // Map iteration follows insertion, and seqs are inserted in increasing order.
  private readonly queue = new Map<number, QueueEntry>();
  private readonly recordRows = new Map<string, RecordMeta>();
  private lastSeq = 0;
  private readonly id = newStoreId();

  async enqueue(changes: NewChange[], now: number): Promise<QueueEntry[]> {
    return changes.map((change) => {
      const key = recordKey(change.table, change.id);
      const previous = this.recordRows.get(key);
      const ver = (previous?.ver ?? 0) + 1;
      const entry = newEntry(++this.lastSeq, change, ver, this.id, now);
      this.queue.set(entry.seq, entry);
      this.recordRows.set(key, recordAfter(change, ver, (previous?.open ?? 0) + 1));
      return { ...entry };
    });
  }

  async requeue(table: string, id: string, state: ChangeState, now: number): Promise<QueueEntry | null> {
    const record = this.recordRows.get(recordKey(table, id));
    if (!record || record.open > 0) return null;
    const entry = {
      ...newEntry(++this.lastSeq, { table, id, op: record.op, data: record.data }, record.ver, this.id, now),
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

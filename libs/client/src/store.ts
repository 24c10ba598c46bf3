import type { ChangeState, EntryPatch, NewChange, QueueCounts, QueueEntry, RecordMeta } from './types.js';

export interface EntryFilter {
  states?: ChangeState[];
  table?: string;
  id?: string;
  /** Entries with a larger seq only (paging). */
  afterSeq?: number;
  limit?: number;
}

export interface RecordFilter {
  table?: string;
  /** Records after this one in (table, id) order (paging). */
  after?: { table: string; id: string };
  limit: number;
}

/**
 * The durable upload queue. Every method is one atomic unit: a process killed between two calls
 * leaves the store as after the last finished one. Large backlogs are read in pages (`due`,
 * `entries`, `records`), never whole.
 */
export interface ResyncStore {
  /**
   * Atomically, for each change in order: the record's next version (its last `ver` + 1, kept
   * forever, deletions included), the record's row and the queue entry (state `pending`).
   */
  enqueue(changes: NewChange[], now: number): Promise<QueueEntry[]>;
  /**
   * Queues the record's current version again (same `ver`, op and data: never a new version),
   * unless the record already has an open entry. Used by audit() to heal a missing history.
   */
  requeue(table: string, id: string, state: ChangeState, now: number): Promise<QueueEntry | null>;
  /** Entries in `state` with `notBefore <= now` and `seq > afterSeq`, by seq, at most `limit`. */
  due(state: ChangeState, now: number, afterSeq: number, limit: number): Promise<QueueEntry[]>;
  /** Entries by seq (all states unless filtered). */
  entries(filter: EntryFilter): Promise<QueueEntry[]>;
  /** Applies the patches in one transaction (entries that no longer exist are skipped). */
  update(patches: EntryPatch[]): Promise<void>;
  /** The server confirmed these entries: they leave the queue (their records stay). */
  confirm(seqs: number[]): Promise<void>;
  /** Removes entries without confirmation (the app discards rejected changes). */
  remove(seqs: number[]): Promise<void>;
  counts(): Promise<QueueCounts>;
  /** The earliest `notBefore` among pending and sent entries, or null when there are none. */
  nextDue(): Promise<number | null>;
  /** Records the store knows, in (table, id) order. */
  records(filter: RecordFilter): Promise<RecordMeta[]>;
  /** A random id made when the store was created, kept for its life (it prefixes `id_cola`). */
  storeId(): Promise<string>;
  close(): Promise<void>;
}

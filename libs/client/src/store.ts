import type { StorePlan, StoreState } from './stores/plans.js';
import type { ChangeState, Conflict, EntryPatch, NewChange, QueueCounts, QueueEntry, RecordMeta } from './types.js';

export interface EntryFilter {
  states?: ChangeState[];
  table?: string;
  id?: string;
  /** Entries with a larger seq only (paging). */
  afterSeq?: number;
  limit?: number;
}

export interface TransactRequest {
  table: string;
  ids: string[];
  metaKeys?: string[];
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
  /** The device id (`X-Device-Id`): made once, when the store (or its upgrade) was created, kept for its life. */
  deviceId(): Promise<string>;
  /** One record, or null. */
  record(table: string, id: string): Promise<RecordMeta | null>;
  /** A value kept in the store (the pull cursors, the served tables), or undefined. */
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
  /**
   * In one transaction: reads the records `ids` of `table` with their queue entries and the meta
   * values `metaKeys`, lets `plan` decide (a pure function of what it read), and writes the plan:
   * records, entries, conflicts, meta, and the sweep of a finished full pull (records of the
   * table not seen in `sweep.epoch` and without queue entries are removed, each one added to the
   * plan's events). Resolves with the plan written.
   */
  transact(request: TransactRequest, plan: (state: StoreState) => StorePlan): Promise<StorePlan>;
  /** Conflicts kept for the app, oldest first. */
  conflicts(filter: { table?: string; id?: string }): Promise<Conflict[]>;
  /** Forgets the conflicts of a record (all records of the table without id); resolves with how many. */
  clearConflicts(table: string, id?: string): Promise<number>;
  close(): Promise<void>;
}

import type { Operation } from './types.js';

/**
 * Which change of which record: the fields every view of a queued change starts with. Not
 * exported by the package (its types are QueueEntry, PendingChange and RejectedChange).
 */
export interface ChangeRef {
  /** Monotonic id of the change in this store (its op id). */
  seq: number;
  table: string;
  id: string;
  /** The record's version for this change: each local change of a record increments it. */
  ver: number;
  op: Operation;
}

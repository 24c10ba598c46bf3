import type { ChangeRef } from './change-ref.js';

/** The three operations of the resync protocol. */
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** A record as the app hands it over: `id` plus its own fields. */
export type RecordInput = { id: string } & Record<string, unknown>;

/**
 * Where a queued change stands:
 * - `pending`: waiting to be pushed (first push, or a resend after ERROR / NOT_FOUND);
 * - `sent`: pushed, answer not known yet (in flight, lost, PROCESSING): the next step asks its status;
 * - `rejected`: the server refused this version with the same ERROR `maxSameErrors` times; waits for the app.
 * A change the server reports COMPLETED for its record and version leaves the queue.
 */
export type ChangeState = 'pending' | 'sent' | 'rejected';

/** One local change in the durable upload queue (one row of the store's queue table). */
export interface QueueEntry extends ChangeRef {
  /** The record's own fields (no id / ver / id_cola); null for DELETE. */
  data: Record<string, unknown> | null;
  /** The `id_cola` sent with every push of this change. */
  queueId: string;
  state: ChangeState;
  /** How many times it was pushed. */
  attempts: number;
  /** How many times in a row the server answered the same ERROR (`lastError`) for this version. */
  errorCount: number;
  lastError: string | null;
  /** How many times its status came back PROCESSING in a row. */
  checks: number;
  /** Not due before this time (ms since the epoch): backoff after an error or PROCESSING. */
  notBefore: number;
  createdAt: number;
}

/** The fields of an entry that the sync engine changes. */
export type EntryPatch = { seq: number } & Partial<
  Pick<QueueEntry, 'state' | 'attempts' | 'errorCount' | 'lastError' | 'checks' | 'notBefore' | 'data'>
>;

/** A local change to enqueue. */
export interface NewChange {
  table: string;
  id: string;
  op: Operation;
  data: Record<string, unknown> | null;
}

/** What the store knows of a record: its latest local version, kept after confirmation for audit(). */
export interface RecordMeta {
  table: string;
  id: string;
  ver: number;
  op: Operation;
  data: Record<string, unknown> | null;
  /** Queue entries of this record not yet confirmed (pending, sent or rejected). */
  open: number;
}

/** Counts of queued changes per state. */
export interface QueueCounts {
  pending: number;
  sent: number;
  rejected: number;
}

/** What `sync()` and `audit()` resolve with. */
export interface SyncReport {
  /** Changes pushed for the first time. */
  pushed: number;
  /** Changes the server confirmed COMPLETED for their record and version. */
  confirmed: number;
  /** Pushes of a change that had been pushed before (after ERROR, NOT_FOUND or a lost answer). */
  resent: number;
  /** Changes moved to the rejected list. */
  rejected: number;
  /** Changes still not confirmed (pending or sent) when it ended; rejected ones are not counted. */
  pending: number;
}

export interface AuditReport extends SyncReport {
  /** Records whose status was asked. */
  checked: number;
  /** Of those, records whose current version needed a resend (ERROR or NOT_FOUND). */
  healed: number;
}

/** The `progress` event. */
export interface ProgressEvent {
  /** Changes pushed so far in this run (first pushes and resends). */
  sent: number;
  /** Changes confirmed COMPLETED so far in this run. */
  confirmed: number;
  /** Changes to confirm in this run: those queued when it started plus those written since. */
  total: number;
}

/** A change the server keeps refusing; the app can fix it and `resubmit`, or `discard` it. */
export interface RejectedChange extends ChangeRef {
  data: Record<string, unknown> | null;
  /** The server's reason (its ERROR text). */
  reason: string;
  attempts: number;
}

/** One not-yet-confirmed change, as `pending()` lists it. */
export interface PendingChange extends ChangeRef {
  state: ChangeState;
  attempts: number;
  lastError: string | null;
}

/** The `retry` event: a request failed for a temporary reason and is retried after `delayMs`. */
export interface RetryEvent {
  reason: string;
  status?: number;
  delayMs: number;
}

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
  /**
   * The record's version this change was made on, pushed as `base_ver` (0: a record the device
   * believes new). null: pushed without it (audit's re-queue of a lost history, and changes
   * queued before 0.2), so the server's rules without conflicts apply.
   */
  baseVer: number | null;
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
  /** The version it is made on, when not the record's current local one (a fix of a rejected change). */
  baseVer?: number | null;
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
  /** The pull epoch that last saw the record in the server's feed (0: never pulled). */
  epoch: number;
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

/** A synced table as the server serves it (`GET /tables`). */
export interface TableInfo {
  name: string;
  /** Written by the head office; read-only for stores (a local write is a TypeError). */
  shared: boolean;
  /** How the server treats a change made on an older version: `reject` or `merge` (`counter`: every number by delta). */
  policy: string;
  /** Numeric fields a `merge` table merges by delta (`current + (sent - base)`). */
  counters?: string[];
}

/** One record's state in the server's change feed. */
export interface RemoteChange {
  id: string;
  ver: number;
  data: Record<string, unknown> | null;
  deleted: boolean;
}

/** The `change` event: a record of the store changed, by a local write or from the server. */
export interface ChangeEvent {
  table: string;
  id: string;
  ver: number;
  /** The record's fields; null when deleted. */
  data: Record<string, unknown> | null;
  deleted: boolean;
  /** `local`: this device wrote it; `remote`: pulled, or adopted from a conflict or merge answer. */
  origin: 'local' | 'remote';
}

/** A record as the store holds it (its latest local state, pending changes included). */
export interface LocalRecord {
  id: string;
  ver: number;
  data: Record<string, unknown>;
  /** True while a local change of it waits to be confirmed by the server. */
  pending: boolean;
}

/** What the server holds for a record whose change it refused as a conflict. */
export interface ServerState {
  ver: number;
  data: Record<string, unknown> | null;
  deleted: boolean;
}

/** The local side of a conflict. */
export interface ConflictLocal {
  /** The refused change (its seq, ver and base). */
  seq: number;
  ver: number;
  baseVer: number | null;
  /** The record's latest local state (the refused change, or a later local change of the record). */
  op: Operation;
  data: Record<string, unknown> | null;
}

/** What `onConflict` is asked about. */
export interface ConflictInfo {
  table: string;
  id: string;
  local: ConflictLocal;
  serverVer: number;
  serverData: Record<string, unknown> | null;
  deleted: boolean;
}

/**
 * What `onConflict` may answer: a record to write on top of the server's version, `'local'`
 * (write the local change again on top of it), `'server'` (keep the server's state), or
 * undefined (the default: keep the server's state and list the conflict in `conflicts()`).
 */
export type ConflictDecision = RecordInput | 'local' | 'server' | undefined;

/** A conflict as the `conflict` event and `conflicts()` carry it. */
export interface Conflict extends ConflictInfo {
  /** `server`: the server's state was adopted; `local` / `record`: a new change was written on top of it. */
  resolution: 'server' | 'local' | 'record';
  /** When the client handled it (ms since the epoch). */
  at: number;
}

/** What `pull()` resolves with. */
export interface PullReport {
  /** Remote record states applied to the store. */
  pulled: number;
  /** Local records removed by a full pull because the server no longer has them. */
  removed: number;
  /** Full pulls started because the server no longer served a cursor (410 cursor_expired). */
  resets: number;
}

import type { PendingChange, QueueEntry, RejectedChange } from './types.js';

/** A queue entry as `pending()` lists it. */
export function pendingChange(e: QueueEntry): PendingChange {
  return {
    seq: e.seq,
    table: e.table,
    id: e.id,
    ver: e.ver,
    op: e.op,
    state: e.state,
    attempts: e.attempts,
    lastError: e.lastError,
  };
}

/** A queue entry the server keeps refusing, as `rejected()` lists it and the `rejected` event carries it. */
export function rejectedChange(e: QueueEntry, reason: string): RejectedChange {
  return { seq: e.seq, table: e.table, id: e.id, ver: e.ver, op: e.op, data: e.data, reason, attempts: e.attempts };
}

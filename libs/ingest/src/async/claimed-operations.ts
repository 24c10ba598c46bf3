import { QueuedChange } from '../ingest.repository';
import { ClaimedOperation, recordKey } from './async-queue.repository';

/** What the worker's statement applies for a claimed operation. */
export function changeOf(op: ClaimedOperation): QueuedChange {
  return {
    operationId: op.id,
    operation: op.operation,
    id: op.record_id,
    ver: op.batch_version,
    queueId: op.queue_id,
    fields: op.operation === 'DELETE' ? null : (op.payload ?? {}),
  };
}

/**
 * The claimed operations that may be applied now, in claim order: not those of a record with an
 * older operation held elsewhere (`blocked`), nor any later one of that record in this claim. They
 * stay QUEUED, back in the queue, and a later claim takes them once the older one is applied.
 */
export function runnable(claimed: ClaimedOperation[]): Set<ClaimedOperation> {
  const held = new Set<string>();
  return new Set(
    claimed.filter((op) => {
      const record = recordKey(op);
      if (op.blocked || held.has(record)) {
        held.add(record);
        return false;
      }
      return true;
    }),
  );
}

/** Claimed operations grouped by client and table (one statement each), in claim order. */
export function byClientAndTable(claimed: ClaimedOperation[]): ClaimedOperation[][] {
  const groups = new Map<string, ClaimedOperation[]>();
  for (const op of claimed) {
    const key = `${op.client_id}\u0000${op.table_name}`;
    const group = groups.get(key);
    if (group) group.push(op);
    else groups.set(key, [op]);
  }
  return [...groups.values()];
}

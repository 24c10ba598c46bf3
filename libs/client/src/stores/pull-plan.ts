import type { Operation, QueueEntry, RecordMeta, RemoteChange } from '../types.js';
import { recordAfter } from './entries.js';
import {
  changeEvent,
  cursorKey,
  emptyPlan,
  PullCursor,
  readCursor,
  sameValue,
  StorePlan,
  StoreState,
} from './plans.js';

/**
 * One page of the feed, with the cursor after it. A record without local changes takes the
 * server's state. A record with local changes waiting keeps them: with `rebase` they move on top
 * of the pulled version (base_ver = the pulled ver, ver the next one); without (tables the
 * server merges), they keep their base and the server merges them.
 */
export function planPull(
  state: StoreState,
  rows: RemoteChange[],
  before: PullCursor,
  after: PullCursor,
  options: { rebase: boolean; sweep: boolean },
): StorePlan {
  const plan = emptyPlan(state);
  // Another pull of this store moved the cursor since this page was asked for: never apply a page twice.
  const now = readCursor(state.meta.get(cursorKey(state.table)));
  if (now.next !== before.next || now.epoch !== before.epoch) return plan;
  const epoch = after.epoch;
  // A change in flight may or may not be applied: rebasing it could give it a second version.
  // The page waits until its status is known (sync() settles every sent change before pulling).
  if (rows.some((row) => state.records.get(row.id)?.open.some((e) => e.state === 'sent')))
    return { ...plan, blocked: true };
  for (const row of rows) {
    const current = state.records.get(row.id) ?? { record: null, open: [] };
    const record = current.record;
    if (current.open.length === 0) {
      if (record && record.ver > row.ver) {
        plan.records.push({ ...record, epoch });
        continue;
      }
      const changed = !record || record.ver !== row.ver || (record.op === 'DELETE') !== row.deleted;
      const next: RecordMeta = {
        table: state.table,
        id: row.id,
        ver: row.ver,
        // The echo of the device's own write keeps its operation (a CREATE stays one: audit()
        // resends a record's last change as it was when the server lost its history).
        op: row.deleted ? 'DELETE' : !changed && record ? record.op : 'UPDATE',
        data: row.deleted ? null : row.data,
        open: 0,
        epoch,
      };
      plan.records.push(next);
      if (changed) {
        plan.applied += 1;
        plan.events.push(changeEvent(next, 'remote'));
      }
      continue;
    }
    const first = current.open[0];
    // Re-queued by audit (no base): it heals its own version, which it must keep. The same
    // version and content: this change itself, applied and pulled before its answer came.
    const itself = row.ver === first.ver && sameValue(row.data, first.data) && row.deleted === (first.op === 'DELETE');
    if (!options.rebase || first.baseVer === null || row.ver <= first.baseVer || itself) {
      if (record) plan.records.push({ ...record, epoch });
      continue;
    }
    const rebased = rebase(current.open, row.ver, row.deleted);
    plan.entries.push(...rebased);
    const last = rebased[rebased.length - 1];
    plan.records.push({ ...recordAfter(last, last.ver, current.open.length), epoch });
    plan.applied += 1;
  }
  plan.meta.push([cursorKey(state.table), after]);
  if (options.sweep) plan.sweep = { table: state.table, epoch };
  return plan;
}

/** The local changes of a record moved on top of version `ver`: bases ver, ver + 1, … */
function rebase(open: QueueEntry[], ver: number, deleted: boolean): QueueEntry[] {
  return open.map((entry, i) => ({
    ...entry,
    baseVer: ver + i,
    ver: ver + i + 1,
    op: i === 0 ? opOnTop(entry.op, deleted) : entry.op,
  }));
}

/** A write on top of a live row is an UPDATE, on top of a tombstone a CREATE; a DELETE stays one. */
function opOnTop(op: Operation, deleted: boolean): Operation {
  if (op === 'DELETE') return op;
  return deleted ? 'CREATE' : 'UPDATE';
}

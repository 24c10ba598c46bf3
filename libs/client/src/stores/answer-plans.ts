import type { ConflictLocal, NewChange, QueueEntry, RecordMeta, ServerState } from '../types.js';
import { newEntry, recordAfter } from './entries.js';
import { changeEvent, emptyPlan, StorePlan, StoreState, threeWay } from './plans.js';

/** What the client writes for the server's CONFLICT and merged answers (see plans.ts). */

export type Decision = { kind: 'server' } | { kind: 'local' } | { kind: 'record'; data: Record<string, unknown> };

/**
 * The server refused the change `seq` as a conflict. It and the record's later local changes
 * leave the queue, the record takes the server's state, and the decision may write a new change
 * on top of it (base_ver = the server's ver). `keep` lists the conflict for the app.
 */
export function planConflict(
  state: StoreState,
  id: string,
  seq: number,
  server: ServerState,
  decision: Decision,
  keep: boolean,
  now: number,
): StorePlan {
  const plan = emptyPlan(state);
  const current = state.records.get(id);
  const at = current?.open.findIndex((e) => e.seq === seq) ?? -1;
  if (!current || at < 0) return plan;
  const refused = current.open[at];
  const removed = current.open.slice(at);
  const latest = removed[removed.length - 1];
  const kept = current.open.length - removed.length;
  plan.removeEntries = removed.map((e) => e.seq);
  const epoch = current.record?.epoch ?? 0;
  let record: RecordMeta = {
    table: state.table,
    id,
    ver: server.ver,
    op: server.deleted ? 'DELETE' : 'UPDATE',
    data: server.deleted ? null : server.data,
    open: kept,
    epoch,
  };
  plan.events.push(changeEvent(record, 'remote'));
  const write = resolution(decision, latest, server.deleted);
  if (write) {
    const change: NewChange = { table: state.table, id, ...write };
    const entry = { ...newEntry(++plan.lastSeq, change, server.ver + 1, state.storeId, now), baseVer: server.ver };
    plan.entries.push(entry);
    plan.queued = 1;
    record = { ...recordAfter(change, entry.ver, kept + 1), epoch };
    plan.events.push(changeEvent(record, 'local'));
  }
  plan.records.push(record);
  const local: ConflictLocal = {
    seq: refused.seq,
    ver: refused.ver,
    baseVer: refused.baseVer,
    op: latest.op,
    data: latest.data,
  };
  plan.conflict = {
    table: state.table,
    id,
    local,
    serverVer: server.ver,
    serverData: server.deleted ? null : server.data,
    deleted: server.deleted,
    resolution: decision.kind,
    at: now,
  };
  if (keep) plan.conflicts.push(plan.conflict);
  return plan;
}

function resolution(decision: Decision, latest: QueueEntry, deleted: boolean): Pick<NewChange, 'op' | 'data'> | null {
  if (decision.kind === 'record') return { op: deleted ? 'CREATE' : 'UPDATE', data: decision.data };
  if (decision.kind === 'server') return null;
  if (latest.op === 'DELETE') return deleted ? null : { op: 'DELETE', data: null };
  return { op: deleted ? 'CREATE' : 'UPDATE', data: latest.data };
}

/**
 * The server merged the change `seq` into version `ver` with row `data`: the change is confirmed,
 * the record takes the merged state, and the record's later local changes move on top of it
 * (their own field changes applied over the merged row; numbers by delta on `counter` tables).
 */
export function planMerged(
  state: StoreState,
  id: string,
  seq: number,
  merged: { ver: number; data: Record<string, unknown> },
  counter: (field: string) => boolean,
): StorePlan {
  const plan = emptyPlan(state);
  const current = state.records.get(id);
  const at = current?.open.findIndex((e) => e.seq === seq) ?? -1;
  if (!current || at < 0) return plan;
  const entry = current.open[at];
  const later = current.open.slice(at + 1);
  plan.removeEntries = [entry.seq];
  const epoch = current.record?.epoch ?? 0;
  const open = current.open.length - 1;
  let madeOn = entry.data;
  let onto: Record<string, unknown> | null = merged.data;
  later.forEach((e, i) => {
    const data = e.op === 'DELETE' ? null : threeWay(madeOn ?? {}, e.data ?? {}, onto ?? {}, counter);
    plan.entries.push({ ...e, baseVer: merged.ver + i, ver: merged.ver + i + 1, data });
    madeOn = e.data;
    onto = data;
  });
  const last = plan.entries[plan.entries.length - 1];
  const record: RecordMeta = last
    ? { ...recordAfter(last, last.ver, open), epoch }
    : { table: state.table, id, ver: merged.ver, op: 'UPDATE', data: merged.data, open, epoch };
  plan.records.push(record);
  plan.events.push(changeEvent(record, last ? 'local' : 'remote'));
  return plan;
}

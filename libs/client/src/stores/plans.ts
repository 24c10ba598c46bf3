import type {
  ChangeEvent,
  Conflict,
  ConflictLocal,
  NewChange,
  Operation,
  QueueEntry,
  RecordMeta,
  RemoteChange,
  ServerState,
} from '../types.js';
import { newEntry, recordAfter, recordKey } from './entries.js';

/**
 * What the client does when the server's state meets the store's, as pure functions of what a
 * store transaction read (StoreState) to what it writes (StorePlan). Every store runs them
 * inside one transaction (ResyncStore.transact), so the three stores cannot disagree.
 */

/** A record of the table and its queue entries (oldest first). */
export interface RecordState {
  record: RecordMeta | null;
  open: QueueEntry[];
}

export interface StoreState {
  table: string;
  /** By record id. */
  records: Map<string, RecordState>;
  meta: Map<string, unknown>;
  lastSeq: number;
  storeId: string;
}

export interface StorePlan {
  records: RecordMeta[];
  /** Entries to write: new ones (seq above lastSeq) and rebased ones. */
  entries: QueueEntry[];
  removeEntries: number[];
  conflicts: Conflict[];
  meta: [string, unknown][];
  lastSeq: number;
  sweep?: { table: string; epoch: number };
  /** For the app's `change` event, once committed. */
  events: ChangeEvent[];
  /** The conflict handled, for the `conflict` event (kept or not). */
  conflict?: Conflict;
  /** Remote states applied (pull). */
  applied: number;
  /** New changes queued (a conflict resolved by writing on top of the server's version). */
  queued: number;
  /** Nothing was written: a record of the page has a change whose answer is still unknown (pull). */
  blocked?: boolean;
}

/** Where a table's pull stands: the server's opaque cursor, the epoch of full pulls, and whether one is under way. */
export interface PullCursor {
  next: string | null;
  epoch: number;
  full: boolean;
}

export const cursorKey = (table: string) => `cursor:${table}`;

/** A table never pulled starts with a full pull (no cursor) in epoch 1. */
export function readCursor(value: unknown): PullCursor {
  const c = value as PullCursor | undefined;
  return c && typeof c.epoch === 'number' ? c : { next: null, epoch: 1, full: true };
}

export function emptyPlan(state: StoreState): StorePlan {
  return {
    records: [],
    entries: [],
    removeEntries: [],
    conflicts: [],
    meta: [],
    lastSeq: state.lastSeq,
    events: [],
    applied: 0,
    queued: 0,
  };
}

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
        op: row.deleted ? 'DELETE' : 'UPDATE',
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
  counter: boolean,
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

/** `local`'s changes against `base`, applied over `onto`, field by field (numbers by delta when `counter`). */
export function threeWay(
  base: Record<string, unknown>,
  local: Record<string, unknown>,
  onto: Record<string, unknown>,
  counter: boolean,
): Record<string, unknown> {
  const result = { ...onto };
  for (const key of new Set([...Object.keys(base), ...Object.keys(local)])) {
    if (sameValue(base[key], local[key])) continue;
    if (!(key in local)) delete result[key];
    else if (
      counter &&
      typeof local[key] === 'number' &&
      typeof base[key] === 'number' &&
      typeof onto[key] === 'number'
    )
      result[key] = (onto[key] as number) + ((local[key] as number) - (base[key] as number));
    else result[key] = local[key];
  }
  return result;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function changeEvent(record: RecordMeta, origin: ChangeEvent['origin']): ChangeEvent {
  const deleted = record.op === 'DELETE';
  return { table: record.table, id: record.id, ver: record.ver, data: deleted ? null : record.data, deleted, origin };
}

export { recordKey };

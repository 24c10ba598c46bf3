import type { ChangeEvent, Conflict, QueueEntry, RecordMeta } from '../types.js';
import { recordKey } from './entries.js';

/**
 * What the client does when the server's state meets the store's is written as pure functions
 * of what a store transaction read (StoreState) to what it writes (StorePlan): pull-plan.ts and
 * answer-plans.ts. Every store runs them inside one transaction (ResyncStore.transact), so the
 * three stores cannot disagree.
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

/** `local`'s changes against `base`, applied over `onto`, field by field (the `counter` fields' numbers by delta). */
export function threeWay(
  base: Record<string, unknown>,
  local: Record<string, unknown>,
  onto: Record<string, unknown>,
  counter: (field: string) => boolean,
): Record<string, unknown> {
  const result = { ...onto };
  for (const key of new Set([...Object.keys(base), ...Object.keys(local)])) {
    if (sameValue(base[key], local[key])) continue;
    if (!(key in local)) delete result[key];
    else if (
      counter(key) &&
      typeof local[key] === 'number' &&
      typeof base[key] === 'number' &&
      typeof onto[key] === 'number'
    )
      result[key] = (onto[key] as number) + ((local[key] as number) - (base[key] as number));
    else result[key] = local[key];
  }
  return result;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function changeEvent(record: RecordMeta, origin: ChangeEvent['origin']): ChangeEvent {
  const deleted = record.op === 'DELETE';
  return { table: record.table, id: record.id, ver: record.ver, data: deleted ? null : record.data, deleted, origin };
}

export { recordKey };

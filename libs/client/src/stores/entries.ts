import type { EntryPatch, NewChange, QueueEntry, RecordMeta } from '../types.js';

/** A random device id (`X-Device-Id`): 32 hex characters. */
export function newDeviceId(): string {
  return newStoreId() + newStoreId();
}

/** A random store id (it prefixes every id_cola, so two stores never share a queue id). */
export function newStoreId(): string {
  // getRandomValues, unlike randomUUID, also exists on pages served over plain http.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The queue entry for a change at `ver`, made on `baseVer` (the previous version by default);
 * its id_cola is `<store id>-<seq>`, unique per change.
 */
export function newEntry(
  seq: number,
  change: NewChange,
  ver: number,
  storeId: string,
  now: number,
  baseVer: number | null = change.baseVer !== undefined ? change.baseVer : ver - 1,
): QueueEntry {
  return {
    seq,
    table: change.table,
    id: change.id,
    ver,
    op: change.op,
    data: change.op === 'DELETE' ? null : change.data,
    queueId: `${storeId}-${seq}`,
    baseVer,
    state: 'pending',
    attempts: 0,
    errorCount: 0,
    lastError: null,
    checks: 0,
    notBefore: now,
    createdAt: now,
  };
}

/** The record's row after a change at `ver` (`epoch`: the pull that last saw it, kept). */
export function recordAfter(change: NewChange, ver: number, open: number, epoch = 0): RecordMeta {
  return {
    table: change.table,
    id: change.id,
    ver,
    op: change.op,
    data: change.op === 'DELETE' ? null : change.data,
    open,
    epoch,
  };
}

export function applyPatch(entry: QueueEntry, patch: EntryPatch): QueueEntry {
  const { seq: _seq, ...fields } = patch;
  return { ...entry, ...fields };
}

/** (table, id) order used for paging records; NUL cannot appear in either. */
export function recordKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

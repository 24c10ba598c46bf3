import type { NewChange, Operation, RecordInput } from './types.js';

/** A local write for `write()`: several changes that are queued together, atomically. */
export type LocalChange =
  { op: 'CREATE' | 'UPDATE'; table: string; record: RecordInput } | { op: 'DELETE'; table: string; id: string };

/** Checks a local change and turns it into what the store queues. */
export function toNewChange(change: LocalChange): NewChange {
  if (typeof change.table !== 'string' || change.table.length === 0)
    throw new TypeError('table must be a non-empty string');
  if (change.op === 'DELETE') return { table: change.table, id: checkId(change.id), op: 'DELETE', data: null };
  if (change.op !== 'CREATE' && change.op !== 'UPDATE')
    throw new TypeError(`Unknown operation ${String((change as { op: unknown }).op)}`);
  const record = change.record;
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    throw new TypeError('record must be an object with an id');
  const { id, ...data } = record;
  for (const key of ['ver', 'id_cola'])
    if (key in data) throw new TypeError(`${key} is assigned by the client; leave it out of the record`);
  return { table: change.table, id: checkId(id), op: change.op as Operation, data };
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 255)
    throw new TypeError('id must be a string of 1 to 255 characters');
  return id;
}

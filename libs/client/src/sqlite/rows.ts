import type { QueueEntry, RecordMeta } from '../types.js';

/** The queue table's columns, each with the QueueEntry field it stores. */
const QUEUE_COLUMNS = {
  seq: 'seq',
  tbl: 'table',
  id: 'id',
  ver: 'ver',
  op: 'op',
  data: 'data',
  queue_id: 'queueId',
  base_ver: 'baseVer',
  state: 'state',
  attempts: 'attempts',
  error_count: 'errorCount',
  last_error: 'lastError',
  checks: 'checks',
  not_before: 'notBefore',
  created_at: 'createdAt',
} as const satisfies Record<string, keyof QueueEntry>;

/** The records table's columns, each with the RecordMeta field it stores. */
const RECORD_COLUMNS = {
  tbl: 'table',
  id: 'id',
  ver: 'ver',
  op: 'op',
  data: 'data',
  open: 'open',
  epoch: 'epoch',
} as const satisfies Record<string, keyof RecordMeta>;

/** A row as SQLite holds it: the fields under their column names, `data` as JSON text. */
type RowOf<T, C extends Record<string, keyof T>> = {
  [K in keyof C]: C[K] extends 'data' ? string | null : T[C[K]];
};

export type QueueRow = RowOf<QueueEntry, typeof QUEUE_COLUMNS>;
export type RecordRow = RowOf<RecordMeta, typeof RECORD_COLUMNS>;

export const toRow = (entry: QueueEntry) => toColumns<QueueRow>(entry, QUEUE_COLUMNS);
export const fromRow = (row: QueueRow) => fromColumns<QueueEntry>(row, QUEUE_COLUMNS);
export const toRecordRow = (record: RecordMeta) => toColumns<RecordRow>(record, RECORD_COLUMNS);
export const fromRecordRow = (row: RecordRow) => fromColumns<RecordMeta>(row, RECORD_COLUMNS);

function toColumns<R>(value: object, columns: Record<string, string>): R {
  const fields = value as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(columns)) {
    const v = fields[field];
    row[column] = field === 'data' && v !== null ? JSON.stringify(v) : v;
  }
  return row as R;
}

function fromColumns<T>(row: object, columns: Record<string, string>): T {
  const cells = row as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(columns)) {
    const v = cells[column];
    value[field] = field === 'data' && v !== null ? JSON.parse(v as string) : v;
  }
  return value as T;
}

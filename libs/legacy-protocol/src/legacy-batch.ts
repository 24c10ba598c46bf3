import { Change, fieldProblems, OperationType } from '@app/ingest';
import { findSyncedTable, MAX_VERSION, recordIdProblem, SyncedTable } from '@app/common';
import { LegacyCode, LegacyProtocolError } from './legacy-errors';
import { FIELD_ID_PATTERN } from './legacy-openapi';

/** A batch as the original server took it: one operation for every record, one table, one version. */
export interface LegacyBatch {
  operation: OperationType;
  table: SyncedTable;
  /** The `__meta` key holding each record's id (`hash_id`, `recno_id`, ...). */
  fieldId: string;
  ver: number;
  /** The records, in order; `queueId` is left null for the job to fill in. */
  changes: Change[];
}

export const LEGACY_OPERATIONS: Record<string, OperationType> = {
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
};
const FIELD_ID = new RegExp(FIELD_ID_PATTERN);
/** Records whose problems are listed in an INVALID_RECORDS message (the rest are counted). */
const LISTED = 5;

/**
 * Reads `operation`, `table_name`, `client_id`, `field_id` and `ver` (from the JSON body, or from
 * the query string of an NDJSON request) and the records, in the order the original server checked
 * them. Every record must hold its id in `__meta[field_id]`; its other keys are its data. A bad
 * record refuses the whole batch (INVALID_RECORDS naming it), so nothing is queued.
 */
export function readLegacyBatch(
  clientId: string,
  params: Record<string, unknown>,
  records: unknown,
  maxRecords: number,
): LegacyBatch {
  checkClientId(clientId, params.client_id, false);
  const operation = readOperation(params.operation);
  const table = readTable(params.table_name, LegacyCode.MissingTableName, 'table_name');
  if (table.shared)
    throw new LegacyProtocolError(LegacyCode.SharedTable, 403, `Table "${table.name}" is shared: read-only for stores`);
  if (!Array.isArray(records))
    throw LegacyProtocolError.badRequest(LegacyCode.InvalidRecords, 'records must be an array of records');
  if (records.length === 0)
    throw LegacyProtocolError.badRequest(LegacyCode.EmptyRecords, 'records is empty: nothing to queue');
  if (records.length > maxRecords)
    throw new LegacyProtocolError(
      LegacyCode.TooManyRecords,
      413,
      `At most ${maxRecords} records per batch, got ${records.length}`,
    );
  const fieldId = readFieldId(params.field_id ?? 'hash_id');
  const ver = readVersion(params.ver) ?? 1;

  const problems: string[] = [];
  let bad = 0;
  const changes: Change[] = [];
  records.forEach((record, index) => {
    const read = readRecord(operation, record, fieldId, ver);
    if (typeof read === 'string') {
      if (++bad <= LISTED) problems.push(`record ${index + 1}: ${read}`);
    } else changes.push(read);
  });
  if (bad > 0) {
    const more = bad > LISTED ? ` (and ${bad - LISTED} more)` : '';
    throw LegacyProtocolError.badRequest(LegacyCode.InvalidRecords, `${problems.join('; ')}${more}`);
  }
  return { operation, table, fieldId, ver, changes };
}

function readRecord(operation: OperationType, record: unknown, fieldId: string, ver: number): Change | string {
  if (!isPlainObject(record)) return 'must be a JSON object';
  const meta = record.__meta;
  if (!isPlainObject(meta)) return `__meta must be an object holding the record's ${fieldId}`;
  const id = meta[fieldId];
  const idProblem = recordIdProblem(id, `__meta.${fieldId}`);
  if (idProblem) return idProblem;
  // Rest properties copy keys as data, so even a field named __proto__ round-trips.
  const { __meta: _meta, ...fields } = record;
  if (operation !== 'DELETE') {
    const problems = fieldProblems(fields);
    if (problems.length > 0) return problems.join('; ');
  }
  return { operation, id: id as string, ver, queueId: null, fields: operation === 'DELETE' ? null : fields };
}

function readOperation(value: unknown): OperationType {
  if (value === undefined || value === null || value === '')
    throw LegacyProtocolError.badRequest(
      LegacyCode.MissingOperation,
      'operation is required (create, update or delete)',
    );
  const operation = typeof value === 'string' ? LEGACY_OPERATIONS[value.toLowerCase()] : undefined;
  if (!operation)
    throw LegacyProtocolError.badRequest(LegacyCode.InvalidOperation, 'operation must be create, update or delete');
  return operation;
}

/** A synced table named by `name` (`table_name` for batches, `table` for status). */
export function readTable(value: unknown, missing: LegacyCode, name: string): SyncedTable {
  if (value === undefined || value === null || value === '')
    throw LegacyProtocolError.badRequest(missing, `${name} is required`);
  const table = typeof value === 'string' ? findSyncedTable(value) : undefined;
  if (!table)
    throw new LegacyProtocolError(
      LegacyCode.UnknownTable,
      404,
      `Unknown table${typeof value === 'string' && value.length <= 64 ? ` "${value}"` : ''}`,
    );
  return table;
}

export function readFieldId(value: unknown): string {
  if (typeof value !== 'string' || !FIELD_ID.test(value)) {
    throw LegacyProtocolError.badRequest(
      LegacyCode.InvalidFieldId,
      'field_id must be a field name (letters, digits and _, such as hash_id or recno_id)',
    );
  }
  return value;
}

/** `ver` as a number or a numeric string ("3"); undefined when not given. */
export function readVersion(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ver = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof ver !== 'number' || !Number.isInteger(ver) || ver < 1 || ver > MAX_VERSION) {
    throw LegacyProtocolError.badRequest(LegacyCode.InvalidVersion, `ver must be an integer from 1 to ${MAX_VERSION}`);
  }
  return ver;
}

/**
 * The key decides the client: a `client_id` naming another client is refused (403) before
 * anything else is read, so such a request learns nothing and writes nothing.
 */
export function checkClientId(keyClientId: string, value: unknown, required: boolean): void {
  if (value === undefined || value === null || value === '') {
    if (required) throw LegacyProtocolError.badRequest(LegacyCode.MissingClientId, 'client_id is required');
    return;
  }
  if (value !== keyClientId)
    throw new LegacyProtocolError(
      LegacyCode.ClientIdMismatch,
      403,
      'client_id does not match the client of the API key',
    );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

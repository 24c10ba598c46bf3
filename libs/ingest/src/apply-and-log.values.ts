import { SyncedTableName } from '@app/common';
import { batchColumns } from './batch-columns';
import { Change } from './change';
import { OUTCOME_NOTES, QueuedChange } from './apply-and-log.statement';

// The parameters of the apply-and-log statement (apply-and-log.statement.ts), mode by mode.

/** The notes parameter, the same for every statement: serialized once. */
const NOTES = JSON.stringify(OUTCOME_NOTES);

/**
 * The statement's parameters (mode `insert`): the batch's records' fields ($1), the client, table,
 * notes and AUDIT_PAYLOADS ($2-$5), then the batch's other columns ($6-$9: operations, ids,
 * versions, job ids; see batchColumns) and the request's device ($10, X-Device-Id, or null).
 */
export function statementValues(
  clientId: string,
  table: SyncedTableName,
  changes: Change[],
  auditPayloads: boolean,
  deviceId: string | null = null,
): unknown[] {
  assertDistinctRecords(changes);
  const batch = batchColumns(changes);
  return [
    batch.fields,
    clientId,
    table,
    NOTES,
    auditPayloads,
    batch.ops,
    batch.ids,
    batch.versions,
    batch.jobs,
    deviceId,
  ];
}

/**
 * The worker's parameters: the claimed operations' ids ($1, a JSON array), in input order. The statement reads
 * each operation's record, version and payload from its QUEUED row, so payloads never travel to
 * the worker and back.
 */
export function queuedStatementValues(
  clientId: string,
  table: SyncedTableName,
  changes: QueuedChange[],
  auditPayloads: boolean,
): unknown[] {
  assertDistinctRecords(changes);
  return [JSON.stringify(changes.map((c) => c.operationId.toString())), clientId, table, NOTES, auditPayloads];
}

/**
 * A claimed queue entry's parameters (mode `entry`): its operations' ids as in
 * queuedStatementValues, then the entry's key ($6) and size ($7), and whether to answer each
 * change's fields ($8: the outbox needs them).
 */
export function entryStatementValues(
  clientId: string,
  table: SyncedTableName,
  entry: { operation_id: string; operation_ids: string[] },
  auditPayloads: boolean,
  withFields: boolean,
): unknown[] {
  return [
    JSON.stringify(entry.operation_ids),
    clientId,
    table,
    NOTES,
    auditPayloads,
    entry.operation_id,
    entry.operation_ids.length,
    withFields,
  ];
}

/**
 * Mode `head`'s parameters: the table ($1), the notes ($2), AUDIT_PAYLOADS ($3) and the least
 * size of an entry it takes whole ($4: smaller ones are gathered into a batch by the worker's long way).
 */
export function headStatementValues(table: SyncedTableName, auditPayloads: boolean, minSize: number): unknown[] {
  return [table, NOTES, auditPayloads, minSize];
}

/**
 * The statement joins its outcomes back to the logged operations on hash_id, so a record may appear
 * at most once per statement (IngestService splits repeats into rounds). Broken, answers would be
 * paired with the wrong operations: refuse instead.
 */
export function assertDistinctRecords(changes: Change[]): void {
  const ids = new Set(changes.map((c) => c.id));
  if (ids.size !== changes.length)
    throw new Error('applyAndLog: a record appears twice in one statement (split repeats into rounds)');
}

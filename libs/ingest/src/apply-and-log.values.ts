import { SyncedTableName } from '@app/common';
import { Change } from './change';
import { OUTCOME_NOTES, QueuedChange } from './apply-and-log.statement';

// The parameters of the apply-and-log statement (apply-and-log.statement.ts), mode by mode.

/**
 * The statement's parameters. The batch travels as ONE JSON array of { op, hash_id, ver, queue_id,
 * data, op_id } ($1; `op_id` for queued changes only), not one bind parameter per value, so no batch
 * nears PostgreSQL's 65,535-parameter limit.
 */
export function statementValues(
  clientId: string,
  table: SyncedTableName,
  changes: Change[],
  auditPayloads: boolean,
): unknown[] {
  assertDistinctRecords(changes);
  return [batchJson(changes), clientId, table, JSON.stringify(OUTCOME_NOTES), auditPayloads];
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
  return [
    JSON.stringify(changes.map((c) => c.operationId.toString())),
    clientId,
    table,
    JSON.stringify(OUTCOME_NOTES),
    auditPayloads,
  ];
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
    JSON.stringify(OUTCOME_NOTES),
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
  return [table, JSON.stringify(OUTCOME_NOTES), auditPayloads, minSize];
}

export function batchJson(changes: Change[]): string {
  return JSON.stringify(
    changes.map((c) => ({
      op: c.operation,
      hash_id: c.id,
      ver: c.ver,
      queue_id: c.queueId,
      data: c.fields,
      op_id: (c as Partial<QueuedChange>).operationId?.toString(),
    })),
  );
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

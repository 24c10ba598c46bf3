import { SyncedTableName } from '@app/common';
import { jobOperationsCte, OperationNote } from '@app/operations';
import { batchRowsSql } from './batch-columns';
import { Change, OPERATION_TYPES, OperationType } from './change';
import { upsertsSql } from './apply-and-log.upserts';

/**
 * What a change did to its row; `queued`: nothing yet, because the record has operations waiting in
 * the asynchronous queue, so the change was logged QUEUED behind them (README "Asynchronous ingest").
 */
export type Outcome =
  'created' | 'updated' | 'upserted' | 'deleted' | 'duplicate' | 'stale' | 'already_deleted' | 'queued';

/**
 * The note each outcome is logged with and answered with: the one mapping, which the statement
 * reads as a JSON parameter ($4) and the service reads for its answer.
 */
export const OUTCOME_NOTES: Readonly<Record<Outcome, string | null>> = {
  created: null,
  updated: null,
  upserted: OperationNote.CreatedByUpdate,
  deleted: null,
  duplicate: OperationNote.DuplicateBypassed,
  stale: OperationNote.StaleVersionIgnored,
  already_deleted: OperationNote.AlreadyDeleted,
  queued: null,
};

/** What the external system is told for each outcome that changed data (others send nothing). */
export const OUTBOX_ACTION: Readonly<Partial<Record<Outcome, OperationType>>> = {
  created: 'CREATE',
  upserted: 'CREATE',
  updated: 'UPDATE',
  deleted: 'DELETE',
};

/** A change a worker applies: the QUEUED operation it was logged as. */
export interface QueuedChange extends Change {
  operationId: bigint;
}

/**
 * How the statement logs its operations: `insert` new ones (the synchronous path: COMPLETED, or
 * QUEUED behind a record's waiting operations), `complete` the QUEUED ones a worker claimed,
 * `entry`: complete a claimed queue entry's operations whole, if nothing needs the worker's care,
 * or `head`: as `entry`, for the queue's head entry, which the statement claims itself.
 */
export type LogMode = 'insert' | 'complete' | 'entry' | 'head';

/**
 * Which statement: `withJobs` lists the operations it logs under their job (changes with a job id,
 * insert mode); `kinds` are the operations it applies (default all: a worker's entry and head
 * statements read them from the queue), the others' upserts left out (operationKinds).
 */
export interface StatementOptions {
  withJobs?: boolean;
  kinds?: readonly OperationType[];
  /** Mode `insert`: also write the outbox entries of the changes that changed data (external sync on). */
  outbox?: boolean;
  /**
   * Written for Citus (DATABASE_ENGINE=citus): Citus runs each INSERT of a WITH list as a statement
   * of its own ("only SELECT, UPDATE, or DELETE common table expressions may be router planned"),
   * one after the other in the transaction, each seeing the writes before it, so the parts no longer
   * share one snapshot. The records' prior state is then read (and locked, in record id order like
   * the upserts) before any upsert, and every read of the log names the client, so each part goes
   * to the client's shard alone. Mode `head` claims across clients: not on Citus.
   */
  citus?: boolean;
}

/** One row per change, in input order; ids as text on both paths (pool and transaction). */
export interface StatementRow {
  outcome: Outcome;
  id: string;
  operation: Change['operation'];
  /** Mode `entry` only: the change, its fields only when asked for ($8, the outbox needs them). */
  hash_id?: string;
  ver?: number;
  data?: Record<string, unknown> | null;
}

/** Mode `head`'s one row: the head entry seen (none: the queue is empty), whether it was applied, and how. */
export interface HeadRow {
  /** The head entry's key, null when no entry was free. */
  head: string | null;
  table_name: string | null;
  /** Nothing was applied: the head is another table's, smaller than $4, or needs the long way. */
  stop: boolean;
  /** What its operations did, counted by operation and outcome (null when stopped). */
  counts: { operation: Change['operation']; outcome: Outcome; n: number }[] | null;
}

/**
 * Tombstones (README "Deleted records stay deleted"): a DELETE keeps the row with `_deleted` and the
 * version it was deleted at, and every write compares versions against it.
 * - CREATE inserts; over a tombstone with an older `_ver` it brings the record back (created); a
 *   live row is left untouched (duplicate), a tombstone at `_ver` >= ver too (stale).
 * - UPDATE upserts when the stored `_ver` is not newer (a tombstone must be strictly older), else it
 *   is stale; an insert or a revived tombstone is "created by update" (`xmax = 0` tells an insert).
 * - DELETE turns a live row with `_ver` <= ver into a tombstone at ver (deleted), raises an older
 *   tombstone's version, and leaves a tombstone for a record it never saw, so a late CREATE cannot
 *   resurrect it (all "already deleted"); a live row with a newer `_ver` is stale.
 * The prior state is read (lazily, only where RETURNING cannot tell) from the statement's snapshot,
 * which every part shares: a change can never be seen without its operation. The operation rows'
 * statuses and notes are the operations library's (OUTCOME_NOTES, $4); they are written here only
 * to share the statement. With AUDIT_PAYLOADS ($5) each operation row also keeps the record's fields
 * as received (`payload`, the json text of the batch's `fields` parameter, batchColumns): no extra
 * round trip and no conversion, only the bytes written. Rows are taken in id order so that
 * concurrent batches lock in the same order. Each record appears at most once per statement
 * (assertDistinctRecords), which the final join on hash_id relies on. `table` comes from the
 * SYNCED_TABLES registry, never from a request.
 *
 * Asynchronous ingest shares everything but the logging (`mode`), so both paths have one semantics:
 * - `insert` (synchronous): a record with operations QUEUED or PROCESSING (one probe per record of
 *   sync_operations_lookup_idx; nothing to read for a new record) is left alone and its change logged QUEUED with its
 *   payload (whatever AUDIT_PAYLOADS says: a worker needs it), behind them: a synchronous write never
 *   overtakes the queue (outcome `queued`).
 * - `complete` (worker): the changes are claimed QUEUED operations, read from their own rows by id
 *   (queuedStatementValues); they are applied and their rows updated to COMPLETED with the note,
 *   instead of new rows being inserted (the payload is dropped then when AUDIT_PAYLOADS=false).
 * - `entry` (worker, one claimed queue entry): as `complete`, for the entry's operations read by
 *   id, and the entry is deleted; unless one is not QUEUED any more, is missing, its record is
 *   repeated in the entry, or has an older QUEUED operation in another entry (the entries ahead
 *   read once into a record -> oldest operation map, see `ahead`). Then the statement does nothing and returns no row, and the worker takes the entry
 *   the long way (claim, blocked operations, rounds: AsyncIngestWorker).
 * - `head` (worker, no outbox entries to write): as `entry`, but the statement claims the queue's
 *   head entry itself (FOR UPDATE SKIP LOCKED), takes it only if it is this table's and fills a
 *   batch or is alone in the queue, and answers one row (HeadRow: the head seen, and its outcomes
 *   counted) instead of a row per change. Atomic on its own: one round trip, no transaction.
 */
export function applyAndLogSql(
  table: SyncedTableName,
  mode: LogMode,
  { withJobs = false, kinds = OPERATION_TYPES, outbox = false, citus = false }: StatementOptions = {},
): string {
  if (citus && mode === 'head') throw new Error('apply-and-log: mode head claims across clients, not on Citus');
  const target = `"${table}"`;
  const queueAware = mode === 'insert';
  const guarded = mode === 'entry' || mode === 'head';
  // The statement's parameters by meaning (mode `head` claims its entry and reads the client from it).
  const $ =
    mode === 'head'
      ? {
          client: '(SELECT client_id FROM taken)',
          table: '$1::text',
          notes: '$2::jsonb',
          audit: '$3::boolean',
          key: '(SELECT operation_id FROM taken)',
          size: '(SELECT size FROM taken)',
        }
      : {
          client: '$2::text',
          table: '$3::text',
          notes: '$4::jsonb',
          audit: '$5::boolean',
          key: '$6::bigint',
          size: '$7::int',
        };
  const wasDeleted = citus
    ? `(SELECT p._deleted FROM prior p WHERE p._hash_id = i.hash_id)`
    : `(SELECT p._deleted FROM ${target} p WHERE p._client_id = ${$.client} AND p._hash_id = i.hash_id)`;
  // Citus: the log read by id names the client too (its key there is (id, client_id)).
  const sameClient = (alias: string) => (citus ? ` AND ${alias}.client_id = ${$.client}` : '');
  const prior = citus
    ? // `= ANY(ARRAY(...))`, not `IN (SELECT ...)`: Citus 13.2 then returns a locked read's result in
      // a format it does not read back ("missing data for column").
      `prior AS MATERIALIZED (
      SELECT p._hash_id, p._deleted FROM ${target} p
      WHERE p._client_id = ${$.client} AND p._hash_id = ANY(ARRAY(SELECT hash_id FROM input))
      ORDER BY p._hash_id FOR UPDATE),`
    : '';
  // `live`: the changes this statement applies (in insert mode, those of records with nothing queued).
  // The probe reads the record's own entries of sync_operations_lookup_idx. Its status test is on
  // text so that sync_operations_queue_idx (partial on those statuses) cannot serve it: with the
  // queue's stale statistics the planner took that index as tiny, and a plan cached with it scans
  // the whole queue for each record (this statement is prepared once per connection).
  const pending = queueAware
    ? `pending AS (
      SELECT i.hash_id AS record_id FROM input i
      CROSS JOIN LATERAL (SELECT 1 FROM sync_operations p
        WHERE p.client_id = ${$.client} AND p.table_name = ${$.table} AND p.record_id = i.hash_id
          AND p.status::text IN ('QUEUED', 'PROCESSING') LIMIT 1) w),
    live AS (SELECT * FROM input i WHERE NOT EXISTS (SELECT 1 FROM pending p WHERE p.record_id = i.hash_id)),`
    : '';
  const live = queueAware ? 'live' : 'input'; // a worker applies all it claimed: no copy of the input
  // Citus: every upsert waits for `prior` whole (an InitPlan, run before its first row). Without it
  // PostgreSQL reads a CTE when first needed, and a locked read after an upsert of the same command
  // returns the row as upserted.
  const upserts = upsertsSql(
    kinds,
    target,
    $.client,
    live,
    wasDeleted,
    citus ? '(SELECT count(*) >= 0 FROM prior)' : '',
  );
  const outcome = (cases: string) =>
    queueAware ? `CASE WHEN q.record_id IS NOT NULL THEN 'queued' ELSE ${cases} END` : cases;
  const note = `${$.notes} ->> o.outcome`;
  const logged = queueAware
    ? `INSERT INTO sync_operations (table_name, record_id, client_id, device_id, batch_version, queue_id, operation, status, note, payload)
      SELECT ${$.table}, o.hash_id, ${$.client}, $10::text, o.ver, o.queue_id, o.op::"OperationType",
             CASE WHEN o.outcome = 'queued' THEN 'QUEUED' ELSE 'COMPLETED' END::"OperationStatus", ${note},
             CASE WHEN ${$.audit} OR o.outcome = 'queued' THEN o.fields END
      FROM outcomes o ORDER BY o.idx
      RETURNING id, record_id, status, client_id, queue_id`
    : // By primary key only (claimed ids are this client's; a client_id condition made the planner scan
      // the client's whole history through sync_operations_lookup_idx).
      `UPDATE sync_operations s SET status = 'COMPLETED', note = ${note}, updated_at = now(), payload = CASE WHEN ${$.audit} THEN s.payload END
      FROM outcomes o WHERE s.id = o.op_id AND s.table_name = ${$.table} AND s.record_id = o.hash_id${sameClient('s')}
      RETURNING s.id, s.record_id`;
  // Changes logged QUEUED behind a record's waiting operations join the queue as one entry; with
  // `withJobs` (the caller's changes carry job ids), the operations are listed under their job.
  const queued = queueAware
    ? `,
    queued AS (
      INSERT INTO sync_queue (operation_id, client_id, table_name, operation_ids, size)
      SELECT min(l.id), ${$.client}, ${$.table}, array_agg(l.id ORDER BY l.id), count(*)
      FROM logged l WHERE l.status = 'QUEUED' HAVING count(*) > 0)${
        withJobs
          ? `,
    ${jobOperationsCte('logged')}`
          : ''
      }`
    : '';
  // A QUEUED operation's payload is kept as the json text it was accepted as; the table's `data` is jsonb.
  const claimedColumns = `s.operation::text AS op, s.record_id AS hash_id, s.batch_version AS ver,
             coalesce(s.payload::jsonb, '{}'::jsonb) AS data, s.payload AS fields, s.queue_id, s.id AS op_id`;
  const input = queueAware
    ? // The batch's columns (statementValues): fields $1, then ops, ids, versions and job ids $6-$9.
      `SELECT i.op, i.hash_id, i.ver, i.fields::jsonb AS data, i.fields, i.queue_id, NULL::bigint AS op_id, i.idx
      FROM ${batchRowsSql({ fields: '$1', ops: '$6', ids: '$7', versions: '$8', jobs: '$9' })} i`
    : mode === 'head'
      ? // The head entry's operations, by primary key in one index scan (their ids ascend in the
        // order they were accepted, which is the input's order).
        `SELECT ${claimedColumns}, s.id AS idx, s.status
      FROM sync_operations s WHERE s.id = ANY((SELECT operation_ids FROM taken)::bigint[])`
      : // The claimed QUEUED operations themselves (queuedStatementValues), by primary key only: any
        // other condition here let the planner's estimate fall to one row from a queue's lagging
        // statistics, and the joins below went quadratic (1.8 s for 1,000). A JSON array, like the
        // insert mode's batch, keeps the input's estimate at 100 rows.
        `SELECT ${claimedColumns}, i.idx${guarded ? ', s.status' : ''}
      FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS i(id, idx) JOIN sync_operations s ON s.id = i.id::bigint${sameClient('s')}`;
  // `head`: the queue's first entry no other worker holds, taken when it is this table's and fills a
  // batch or is the only one (else the worker's long way gathers entries into a batch).
  const claim =
    mode === 'head'
      ? `head AS (
      SELECT q.operation_id, q.client_id, q.table_name, q.operation_ids, q.size FROM sync_queue q
      ORDER BY q.operation_id LIMIT 1 FOR UPDATE SKIP LOCKED),
    taken AS (SELECT * FROM head h WHERE h.table_name = ${$.table}
      AND (h.size >= $4::int OR NOT EXISTS (SELECT 1 FROM sync_queue n WHERE n.operation_id > h.operation_id))),
    `
      : '';
  // `entry`, `head`: the entry's operations, applied only if all are there, QUEUED, and first of their record.
  // `ahead`: each record's oldest QUEUED operation in the other entries that may hold older ones
  // (those first of an older operation than the claim's newest: mostly what other workers hold),
  // read by primary key in one index scan, as ONE jsonb object record -> id, built once (newest
  // first: of a record's repeated keys the last, its oldest operation, is kept). Each
  // claimed operation then looks its record up in it (a binary search): one probe of the log's
  // lookup index per operation cost an eighth of the statement.
  const head = guarded
    ? `${claim}claimed AS (${input}),
    ahead AS (
      SELECT jsonb_object_agg(o.record_id, o.id ORDER BY o.id DESC) AS oldest FROM sync_operations o
      WHERE o.id = ANY(ARRAY(SELECT unnest(q.operation_ids) FROM sync_queue q
              WHERE q.operation_id < (SELECT max(op_id) FROM claimed) AND q.operation_id <> ${$.key}
                AND q.client_id = ${$.client} AND q.table_name = ${$.table}))
        AND o.status = 'QUEUED'${sameClient('o')}),
    guard AS (
      SELECT count(*) <> ${$.size} OR coalesce(bool_or(c.status <> 'QUEUED'), true) OR count(DISTINCT c.hash_id) <> count(*)
        OR coalesce(bool_or(((SELECT oldest FROM ahead) ->> c.hash_id)::bigint < c.op_id), false) AS stop
      FROM claimed c),
    input AS (SELECT op, hash_id, ver, data, fields, queue_id, op_id, idx FROM claimed WHERE NOT (SELECT stop FROM guard)),`
    : `input AS (${input}),`;
  // The outbox entries (OutboxWriter's rows, without their round trip and transaction): the payload
  // is rowPayload / deletePayload (sync-failures' target/sync-message.ts) written as text around the
  // change's fields as received (json text, compact: what JSON.stringify of rowPayload writes, as
  // `_hash_id` and `_ver` are reserved names no record holds), in input order, so the record's
  // later changes get later ids (its row lock is held by then).
  const actions = Object.entries(OUTBOX_ACTION)
    .map(([outcome, action]) => `WHEN '${outcome}' THEN '${action}'`)
    .join(' ');
  const outboxed =
    outbox && queueAware
      ? `,
    outboxed AS (
      INSERT INTO sync_outbox (operation_id, table_name, client_id, record_id, action, payload)
      SELECT l.id, ${$.table}, ${$.client}, o.hash_id, a.action::"OperationType",
             ('{"_hash_id":' || to_json(o.hash_id)::text || ',"_ver":' || o.ver
               || CASE WHEN a.action = 'DELETE' OR o.fields IS NULL OR o.fields::text = '{}' THEN '}'
                       ELSE ',' || substr(o.fields::text, 2) END)::json
      FROM outcomes o JOIN logged l ON l.record_id = o.hash_id
      CROSS JOIN LATERAL (SELECT CASE o.outcome ${actions} END AS action) a
      WHERE a.action IS NOT NULL ORDER BY o.idx)`
      : '';
  const dequeued = guarded
    ? `,
    dequeued AS (DELETE FROM sync_queue WHERE operation_id = ${$.key}${citus ? ` AND client_id = ${$.client}` : ''} AND NOT (SELECT stop FROM guard))`
    : '';
  const answer =
    mode === 'head'
      ? // One row whatever happened: the head seen, and what its operations did, counted.
        `SELECT h.operation_id::text AS head, h.table_name, coalesce((SELECT stop FROM guard), true) AS stop,
           (SELECT json_agg(c) FROM (SELECT o.op AS operation, o.outcome, count(*)::int AS n
              FROM outcomes o JOIN logged l ON l.record_id = o.hash_id GROUP BY o.op, o.outcome) c) AS counts
    FROM (SELECT 1) one LEFT JOIN head h ON true`
      : `SELECT o.outcome, l.id::text AS id, o.op AS operation${guarded ? ', o.hash_id, o.ver, CASE WHEN $8::boolean THEN o.data END AS data' : ''}
    FROM outcomes o JOIN logged l ON l.record_id = o.hash_id ORDER BY o.idx`;
  return `
    WITH ${head}
    ${pending}
    ${prior}
    ${upserts.ctes}
    outcomes AS (
      SELECT i.idx, i.op, i.hash_id, i.ver, i.queue_id, i.data, i.fields, i.op_id,
             ${outcome(upserts.outcome)} AS outcome
      FROM input i
      ${queueAware ? 'LEFT JOIN pending q ON q.record_id = i.hash_id' : ''}
      ${upserts.joins}),
    logged AS (
      ${logged})${queued}${outboxed}${dequeued}
    ${answer}`;
}

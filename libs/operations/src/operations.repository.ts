import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { OperationType, Prisma, PrismaService, Tx } from '@app/database';
import { jobOperationsCte } from './job-operations';

export interface OperationLogEntry {
  recordId: string;
  batchVersion: number;
  queueId: string | null;
  /** The device the request named (X-Device-Id); null or absent when none. */
  deviceId?: string | null;
  operation: OperationType;
  status: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'ERROR' | 'CONFLICT';
  note: string | null;
  error: string | null;
  /** The change's `base_ver`, when it was sent with one. */
  baseVer?: number | null;
  /** A merged write: the record as merged (docs/multi-device.md). */
  merged?: Record<string, unknown> | null;
  /** The record's own fields as received (audit trail); null or absent when there are none to keep. */
  payload?: Record<string, unknown> | null;
}

export interface OperationHistoryRow {
  id: bigint;
  operation: string;
  status: string;
  note: string | null;
  error: string | null;
  batch_version: number;
  queue_id: string | null;
  device_id: string | null;
  base_ver: number | null;
  payload: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

/** The newest operation retention retired of a record (sync_record_heads), if any was. */
export interface ArchivedHeadRow {
  operation_id: bigint;
  operation: string;
  status: string;
  batch_version: number;
  created_at: Date;
}

export interface LostRowsRow {
  client_id: string;
  lost: number;
  records:
    | {
        hash_id: string;
        ver: number;
        operation: Exclude<OperationType, 'DELETE'>;
        completed_at: string;
        device_id: string | null;
      }[]
    | null;
}

export interface MissingOperationsRow {
  client_id: string;
  missing: number;
  records: { hash_id: string; ver: number; created_at: string }[];
}

/**
 * A timestamptz column as the API writes every timestamp (`Date.toISOString()`: UTC, milliseconds, `Z`).
 * Inside json_build_object PostgreSQL would write it in the session's zone, as `+00:00`.
 */
function isoUtc(column: string): Prisma.Sql {
  return Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
}

@Injectable()
export class OperationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Logs many operations of one client and table in one statement (arrays, not one bind
   * parameter per value, so no batch size nears PostgreSQL's 65,535-parameter limit).
   * Returns the new ids in input order (bigserial ids follow the ORDER BY of the insert).
   */
  async insertMany(tx: Tx, clientId: string, table: SyncedTableName, entries: OperationLogEntry[]): Promise<bigint[]> {
    if (entries.length === 0) return [];
    // With a job id, the operations are listed under their job too (job-operations.ts).
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      WITH logged AS (
        INSERT INTO sync_operations (table_name, record_id, client_id, device_id, base_ver, merged, batch_version, queue_id, operation, status, note, error, payload)
        SELECT ${table}, e.record_id, ${clientId}, e.device_id, e.base_ver, e.merged::jsonb, e.batch_version, e.queue_id, e.operation::"OperationType", e.status::"OperationStatus", e.note, e.error, e.payload::json
        FROM unnest(${entries.map((e) => e.recordId)}::text[], ${entries.map((e) => e.batchVersion)}::int[], ${entries.map((e) => e.queueId)}::text[],
                    ${entries.map((e) => e.operation)}::text[], ${entries.map((e) => e.status)}::text[], ${entries.map((e) => e.note)}::text[],
                    ${entries.map((e) => e.error)}::text[], ${entries.map((e) => (e.payload ? JSON.stringify(e.payload) : null))}::text[],
                    ${entries.map((e) => e.deviceId ?? null)}::text[], ${entries.map((e) => e.baseVer ?? null)}::int[],
                    ${entries.map((e) => (e.merged ? JSON.stringify(e.merged) : null))}::text[])
             WITH ORDINALITY AS e(record_id, batch_version, queue_id, operation, status, note, error, payload, device_id, base_ver, merged, ord)
        ORDER BY e.ord
        RETURNING id, client_id, queue_id),
      ${Prisma.raw(jobOperationsCte('logged'))}
      SELECT id FROM logged`;
    return rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  history(clientId: string, table: SyncedTableName, recordId: string): Promise<OperationHistoryRow[]> {
    return this.prisma.$queryRaw<OperationHistoryRow[]>`
      SELECT id, operation::text, status::text, note, error, batch_version, queue_id, device_id, base_ver, payload, created_at, updated_at
      FROM sync_operations
      WHERE client_id = ${clientId} AND table_name = ${table} AND record_id = ${recordId}
      ORDER BY id`;
  }

  /** The record's head kept by retention (docs/operation-log.md), or none: its history was never retired. */
  async archivedHead(clientId: string, table: SyncedTableName, recordId: string): Promise<ArchivedHeadRow | null> {
    const rows = await this.prisma.$queryRaw<ArchivedHeadRow[]>`
      SELECT operation_id, operation::text, status::text, batch_version, created_at FROM sync_record_heads
      WHERE client_id = ${clientId} AND table_name = ${table} AND record_id = ${recordId}`;
    return rows[0] ?? null;
  }

  /**
   * Turns operations stuck PROCESSING since before `cutoff` into ERROR. QUEUED operations are the
   * asynchronous queue: durable work a worker applies however long it waits, never swept. Found
   * through sync_operations_processing, the list a trigger keeps of them (no index of
   * sync_operations may cover `status`: see migration 20261125100000_async_queue_entries).
   */
  async markStaleAsError(cutoff: Date, error: string): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE sync_operations s SET status = 'ERROR', error = ${error}, updated_at = now()
      FROM sync_operations_processing p
      WHERE s.id = p.operation_id AND s.status = 'PROCESSING' AND s.updated_at < ${cutoff}`;
  }

  /**
   * Rows of `table` with no operation for their current `_ver` (the product document's monitoring
   * query), per client: the count and up to `limit` of them, newest first.
   */
  missingOperations(table: SyncedTableName, limit: number): Promise<MissingOperationsRow[]> {
    const target = Prisma.raw(`"${table}"`); // table comes from the SYNCED_TABLES registry only
    return this.prisma.$queryRaw<MissingOperationsRow[]>`
      WITH missing AS (
        SELECT v._client_id, v._hash_id, v._ver, v._created_at,
               row_number() OVER (PARTITION BY v._client_id ORDER BY v._created_at DESC, v._hash_id) AS rank
        FROM ${target} v
        WHERE NOT v._deleted AND NOT EXISTS (
          SELECT 1 FROM sync_operations o
          WHERE o.client_id = v._client_id AND o.table_name = ${table} AND o.record_id = v._hash_id AND o.batch_version = v._ver)
          -- retired by retention on purpose: the record's head covers this version
          AND NOT EXISTS (
          SELECT 1 FROM sync_record_heads h
          WHERE h.client_id = v._client_id AND h.table_name = ${table} AND h.record_id = v._hash_id AND h.batch_version >= v._ver))
      SELECT _client_id AS client_id, count(*)::int AS missing,
             json_agg(json_build_object('hash_id', _hash_id, 'ver', _ver, 'created_at', ${isoUtc('_created_at')}) ORDER BY rank) FILTER (WHERE rank <= ${limit}) AS records
      FROM missing GROUP BY _client_id ORDER BY count(*) DESC, _client_id`;
  }

  /**
   * Lost rows per client: records with a COMPLETED CREATE or UPDATE whose newest applied COMPLETED
   * operation (stale ones changed nothing) is not a DELETE but whose row is gone (a tombstone is a row: it is deleted, not
   * lost). The count and up to `limit` of them, most recently completed first. Candidates come
   * from one scan of the table's completed writes anti-joined with its primary key; only those
   * (normally none) have their newest operation looked up. Records whose history retention retired
   * (docs/operation-log.md) are judged by their head's newest applied operation: a record deleted,
   * retired and purged stays deleted; one whose row is gone after its CREATE was retired is lost.
   */
  lostRows(table: SyncedTableName, stale: string, limit: number): Promise<LostRowsRow[]> {
    const target = Prisma.raw(`"${table}"`); // table comes from the SYNCED_TABLES registry only
    return this.prisma.$queryRaw<LostRowsRow[]>`
      WITH candidates AS (
        SELECT DISTINCT ON (o.client_id, o.record_id) o.client_id, o.record_id, o.operation, o.batch_version, o.updated_at, o.device_id
        FROM sync_operations o
        WHERE o.table_name = ${table} AND o.status = 'COMPLETED' AND o.operation IN ('CREATE', 'UPDATE')
          AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t._client_id = o.client_id AND t._hash_id = o.record_id)
        ORDER BY o.client_id, o.record_id, o.id DESC),
      lost AS (
        SELECT c.client_id, c.record_id, coalesce(l.operation, h.applied, c.operation) AS operation,
               coalesce(l.batch_version, c.batch_version) AS batch_version, coalesce(l.updated_at, c.updated_at) AS updated_at,
               -- the device of the operation named: a head's was retired with its history (unknown)
               CASE WHEN l.operation IS NOT NULL THEN l.device_id WHEN h.applied IS NULL THEN c.device_id END AS device_id
        FROM candidates c
        LEFT JOIN LATERAL (
          SELECT a.operation, a.batch_version, a.updated_at, a.device_id FROM sync_operations a
          WHERE a.client_id = c.client_id AND a.table_name = ${table} AND a.record_id = c.record_id
            AND a.status = 'COMPLETED' AND a.note IS DISTINCT FROM ${stale}
          ORDER BY a.id + 0 DESC LIMIT 1) l ON true -- + 0: through each partition's lookup index, not its primary key backwards
        LEFT JOIN sync_record_heads h ON h.client_id = c.client_id AND h.table_name = ${table} AND h.record_id = c.record_id
        WHERE coalesce(l.operation, h.applied) IS DISTINCT FROM 'DELETE'
        UNION ALL
        SELECT h.client_id, h.record_id, h.applied, h.batch_version, h.created_at, NULL::text FROM sync_record_heads h
        WHERE h.table_name = ${table} AND h.applied IN ('CREATE', 'UPDATE')
          AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t._client_id = h.client_id AND t._hash_id = h.record_id)
          AND NOT EXISTS (SELECT 1 FROM sync_operations o
                          WHERE o.client_id = h.client_id AND o.table_name = ${table} AND o.record_id = h.record_id)),
      ranked AS (
        SELECT lost.*, row_number() OVER (PARTITION BY client_id ORDER BY updated_at DESC, record_id) AS rank FROM lost)
      SELECT client_id, count(*)::int AS lost,
             json_agg(json_build_object('hash_id', record_id, 'ver', batch_version, 'operation', operation, 'completed_at', ${isoUtc('updated_at')}, 'device_id', device_id) ORDER BY rank)
               FILTER (WHERE rank <= ${limit}) AS records
      FROM ranked GROUP BY client_id ORDER BY count(*) DESC, client_id`;
  }
}

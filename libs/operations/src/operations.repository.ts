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
  status: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'ERROR';
  note: string | null;
  error: string | null;
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
  payload: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

export interface LostRowsRow {
  client_id: string;
  lost: number;
  records: { hash_id: string; ver: number; operation: Exclude<OperationType, 'DELETE'>; completed_at: string }[] | null;
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
        INSERT INTO sync_operations (table_name, record_id, client_id, device_id, batch_version, queue_id, operation, status, note, error, payload)
        SELECT ${table}, e.record_id, ${clientId}, e.device_id, e.batch_version, e.queue_id, e.operation::"OperationType", e.status::"OperationStatus", e.note, e.error, e.payload::json
        FROM unnest(${entries.map((e) => e.recordId)}::text[], ${entries.map((e) => e.batchVersion)}::int[], ${entries.map((e) => e.queueId)}::text[],
                    ${entries.map((e) => e.operation)}::text[], ${entries.map((e) => e.status)}::text[], ${entries.map((e) => e.note)}::text[],
                    ${entries.map((e) => e.error)}::text[], ${entries.map((e) => (e.payload ? JSON.stringify(e.payload) : null))}::text[],
                    ${entries.map((e) => e.deviceId ?? null)}::text[])
             WITH ORDINALITY AS e(record_id, batch_version, queue_id, operation, status, note, error, payload, device_id, ord)
        ORDER BY e.ord
        RETURNING id, client_id, queue_id),
      ${Prisma.raw(jobOperationsCte('logged'))}
      SELECT id FROM logged`;
    return rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  history(clientId: string, table: SyncedTableName, recordId: string): Promise<OperationHistoryRow[]> {
    return this.prisma.$queryRaw<OperationHistoryRow[]>`
      SELECT id, operation::text, status::text, note, error, batch_version, queue_id, device_id, payload, created_at, updated_at
      FROM sync_operations
      WHERE client_id = ${clientId} AND table_name = ${table} AND record_id = ${recordId}
      ORDER BY id`;
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
          WHERE o.client_id = v._client_id AND o.table_name = ${table} AND o.record_id = v._hash_id AND o.batch_version = v._ver))
      SELECT _client_id AS client_id, count(*)::int AS missing,
             json_agg(json_build_object('hash_id', _hash_id, 'ver', _ver, 'created_at', ${isoUtc('_created_at')}) ORDER BY rank) FILTER (WHERE rank <= ${limit}) AS records
      FROM missing GROUP BY _client_id ORDER BY count(*) DESC, _client_id`;
  }

  /**
   * Lost rows per client: records with a COMPLETED CREATE or UPDATE whose newest applied COMPLETED
   * operation (stale ones changed nothing) is not a DELETE but whose row is gone (a tombstone is a row: it is deleted, not
   * lost). The count and up to `limit` of them, most recently completed first. Candidates come
   * from one scan of the table's completed writes anti-joined with its primary key; only those
   * (normally none) have their newest operation looked up.
   */
  lostRows(table: SyncedTableName, stale: string, limit: number): Promise<LostRowsRow[]> {
    const target = Prisma.raw(`"${table}"`); // table comes from the SYNCED_TABLES registry only
    return this.prisma.$queryRaw<LostRowsRow[]>`
      WITH candidates AS (
        SELECT DISTINCT ON (o.client_id, o.record_id) o.client_id, o.record_id, o.operation, o.batch_version, o.updated_at
        FROM sync_operations o
        WHERE o.table_name = ${table} AND o.status = 'COMPLETED' AND o.operation IN ('CREATE', 'UPDATE')
          AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t._client_id = o.client_id AND t._hash_id = o.record_id)
        ORDER BY o.client_id, o.record_id, o.id DESC),
      lost AS (
        SELECT c.client_id, c.record_id, coalesce(l.operation, c.operation) AS operation,
               coalesce(l.batch_version, c.batch_version) AS batch_version, coalesce(l.updated_at, c.updated_at) AS updated_at
        FROM candidates c
        LEFT JOIN LATERAL (
          SELECT a.operation, a.batch_version, a.updated_at FROM sync_operations a
          WHERE a.client_id = c.client_id AND a.table_name = ${table} AND a.record_id = c.record_id
            AND a.status = 'COMPLETED' AND a.note IS DISTINCT FROM ${stale}
          ORDER BY a.id DESC LIMIT 1) l ON true
        WHERE l.operation IS DISTINCT FROM 'DELETE'),
      ranked AS (
        SELECT lost.*, row_number() OVER (PARTITION BY client_id ORDER BY updated_at DESC, record_id) AS rank FROM lost)
      SELECT client_id, count(*)::int AS lost,
             json_agg(json_build_object('hash_id', record_id, 'ver', batch_version, 'operation', operation, 'completed_at', ${isoUtc('updated_at')}) ORDER BY rank)
               FILTER (WHERE rank <= ${limit}) AS records
      FROM ranked GROUP BY client_id ORDER BY count(*) DESC, client_id`;
  }
}

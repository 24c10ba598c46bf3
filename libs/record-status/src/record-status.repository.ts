import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { OperationType, Prepared, PrismaService } from '@app/database';
import { OperationNote } from '@app/operations';

export interface StatusQuery {
  hashId: string;
  queueId: string | null;
  ver: number | null;
}

export interface StatusRow {
  /** The operation that answers the query (see find), or null when there is none. */
  status: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'ERROR' | 'CONFLICT' | null;
  operation: OperationType | null;
  error: string | null;
  note: string | null;
  /** A live row (not a tombstone) exists. */
  row_exists: boolean;
  row_matches_ver: boolean;
  /** The row is a tombstone: the record was deleted. */
  tombstone: boolean;
  ver: number | null;
  data: Record<string, unknown> | null;
  /**
   * Only looked up when a COMPLETED CREATE/UPDATE answers and no row exists at all: the record's
   * newest COMPLETED operation that took effect (stale ones did not), so that a record deleted and
   * purged is not mistaken for a lost one.
   */
  last_applied: OperationType | null;
  /**
   * No operation in the log answers, but retention kept the record's head (sync_record_heads) and
   * it covers the query: `status` and `operation` are the head's (docs/operation-log.md).
   */
  archived: boolean;
}

@Injectable()
export class RecordStatusRepository {
  private readonly statements = new Map<SyncedTableName, Prepared>();

  constructor(private readonly prisma: PrismaService) {}

  /**
   * For each query, in order: the operation that answers it (with `ver`, that batch version; the
   * one logged with `id_cola` first, then the asking device's, then the newest; with `id_cola`,
   * only that change's or one of the asking device's) and the record's row. ONE statement, so
   * both are read from one snapshot: a change and its operation commit together, and no query
   * can see the row of a change in flight without its operation (a false ERROR), nor a COMPLETED
   * operation without the row it wrote (a false "lost row").
   */
  find(
    clientId: string,
    table: SyncedTableName,
    queries: StatusQuery[],
    deviceId: string | null = null,
  ): Promise<StatusRow[]> {
    // Straight on the pool, as the ingest statement: through Prisma's $queryRaw a single-record
    // status ran at 0.04-0.09 of the same statement on node-pg (bench status-1).
    return this.prisma.sql<StatusRow>(this.statement(table), [
      queries.map((q) => q.hashId),
      queries.map((q) => q.queueId),
      queries.map((q) => q.ver),
      clientId,
      table,
      OperationNote.StaleVersionIgnored,
      deviceId,
    ]);
  }

  /** Prepared once per table and connection: planning the statement cost more than running it for one record. */
  private statement(table: SyncedTableName): Prepared {
    let statement = this.statements.get(table);
    if (statement === undefined)
      this.statements.set(table, (statement = { name: `resync_status_${table}`, text: statusSql(table) }));
    return statement;
  }
}

export function statusSql(table: SyncedTableName): string {
  const target = `"${table}"`; // from the SYNCED_TABLES registry, never from a request
  // `h`: the record's head, kept by retention when part of its history was retired (usually no
  // row: one primary-key probe of a small table). It answers only when no operation does, for a
  // version it covers, and when no live row is newer than it (then an operation is missing: ERROR).
  // A query naming an id_cola asks about that change: another device's operation at the same
  // version (the devices of one key number their versions alike) never answers it, or a change
  // that never arrived would read COMPLETED and its device would drop it.
  // `a.id + 0`: ordered by the primary key, a partitioned log's plan walked every partition's
  // primary key backwards for a record's newest operation (500 rows a partition in the plan spec);
  // this order makes it probe each partition's lookup index and sort the record's few operations.
  return `
      SELECT coalesce(o.status, a.status)::text AS status, coalesce(o.operation, a.operation)::text AS operation, o.error, o.note,
             (t._hash_id IS NOT NULL AND NOT t._deleted) AS row_exists,
             (t._hash_id IS NOT NULL AND NOT t._deleted AND (q.ver IS NULL OR t._ver = q.ver)) AS row_matches_ver,
             coalesce(t._deleted, false) AS tombstone,
             t._ver AS ver, CASE WHEN t._deleted THEN NULL ELSE t.data END AS data,
             coalesce(l.operation, h.applied)::text AS last_applied,
             (o.status IS NULL AND a.status IS NOT NULL) AS archived
      FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS q(hash_id, queue_id, ver, ord)
      LEFT JOIN LATERAL (
        SELECT o.status, o.operation, o.error, o.note FROM sync_operations o
        WHERE o.client_id = $4 AND o.table_name = $5 AND o.record_id = q.hash_id
          AND (q.ver IS NULL OR o.batch_version = q.ver)
          AND (q.queue_id IS NULL OR o.queue_id = q.queue_id OR o.device_id IS NOT DISTINCT FROM $7::text)
        ORDER BY coalesce(o.queue_id = q.queue_id, false) DESC, (o.device_id IS NOT DISTINCT FROM $7::text) DESC, o.id DESC
        LIMIT 1) o ON true
      LEFT JOIN ${target} t ON t._client_id = $4 AND t._hash_id = q.hash_id
      LEFT JOIN sync_record_heads h ON h.client_id = $4 AND h.table_name = $5 AND h.record_id = q.hash_id
      LEFT JOIN LATERAL (
        SELECT h.status, h.operation
        WHERE o.status IS NULL AND h.record_id IS NOT NULL AND (q.ver IS NULL OR q.ver <= h.batch_version)
          AND (t._hash_id IS NULL OR t._deleted OR t._ver <= h.batch_version)) a ON true
      LEFT JOIN LATERAL (
        SELECT a.operation FROM sync_operations a
        WHERE o.status = 'COMPLETED' AND o.operation <> 'DELETE' AND t._hash_id IS NULL
          AND a.client_id = $4 AND a.table_name = $5 AND a.record_id = q.hash_id
          AND a.status = 'COMPLETED' AND a.note IS DISTINCT FROM $6
        ORDER BY a.id + 0 DESC -- not the primary key's order: see below
        LIMIT 1) l ON true
      ORDER BY q.ord`;
}

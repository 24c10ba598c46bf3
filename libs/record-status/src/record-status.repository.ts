import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, PrismaService } from '@app/database';

export interface StatusQuery {
  hashId: string;
  queueId: string | null;
  ver: number | null;
}

export interface StatusRow {
  status: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'ERROR' | null;
  error: string | null;
  row_exists: boolean;
  row_matches_ver: boolean;
  ver: number | null;
  data: Record<string, unknown> | null;
}

@Injectable()
export class RecordStatusRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * For each query, in order: the operation that answers it (with `ver`, that batch version; the
   * one logged with `id_cola` first, then the newest) and the record's row. ONE statement, so
   * both are read from one snapshot: a change and its operation commit together, and no query
   * can see the row of a change in flight without its operation (a false ERROR).
   */
  find(clientId: string, table: SyncedTableName, queries: StatusQuery[]): Promise<StatusRow[]> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    return this.prisma.$queryRaw<StatusRow[]>`
      SELECT o.status::text AS status, o.error,
             t._hash_id IS NOT NULL AS row_exists,
             (t._hash_id IS NOT NULL AND (q.ver IS NULL OR t._ver = q.ver)) AS row_matches_ver,
             t._ver AS ver, t.data
      FROM unnest(${queries.map((q) => q.hashId)}::text[], ${queries.map((q) => q.queueId)}::text[], ${queries.map((q) => q.ver)}::int[])
           WITH ORDINALITY AS q(hash_id, queue_id, ver, ord)
      LEFT JOIN LATERAL (
        SELECT o.status, o.error FROM sync_operations o
        WHERE o.client_id = ${clientId} AND o.table_name = ${table} AND o.record_id = q.hash_id
          AND (q.ver IS NULL OR o.batch_version = q.ver)
        ORDER BY coalesce(o.queue_id = q.queue_id, false) DESC, o.id DESC
        LIMIT 1) o ON true
      LEFT JOIN ${target} t ON t._client_id = ${clientId} AND t._hash_id = q.hash_id
      ORDER BY q.ord`;
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '@app/database';
import { FAILURE_COLUMNS, FAILURE_DEVICE, FailureFilter, failureWhere, SyncFailureView } from '../failures';

export interface FailureStatsRow {
  entity_type: string;
  action: string;
  total_failures: number;
  avg_retries: number;
  max_retries: number;
}

export interface AlertNumbersRow {
  failures_last_hour: number;
  avg_retries: number;
  rows_in_window: number;
}

export interface EntityFailuresRow {
  entity_type: string;
  entity_id: string;
  failures: number;
}

/** Reads of sync_failures for the admin endpoints, stats and alerts. */
@Injectable()
export class SyncFailureReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string): Promise<SyncFailureView | undefined> {
    const rows = await this.prisma.$queryRaw<
      SyncFailureView[]
    >`SELECT ${FAILURE_COLUMNS}, ${FAILURE_DEVICE} FROM sync_failures WHERE id = ${id}`;
    return rows[0];
  }

  /** Newest first; the device is looked up for this page's rows only, in the same statement. */
  list(filter: FailureFilter, maxRetries: number, offset: number, limit: number): Promise<SyncFailureView[]> {
    return this.prisma.$queryRaw<SyncFailureView[]>`
      SELECT ${FAILURE_COLUMNS}, ${FAILURE_DEVICE} FROM sync_failures WHERE ${failureWhere(filter, maxRetries)}
      ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`;
  }

  async count(filter: FailureFilter, maxRetries: number): Promise<number> {
    const [{ total }] = await this.prisma.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM sync_failures WHERE ${failureWhere(filter, maxRetries)}`;
    return total;
  }

  /** The product document's statistics query, over rows created since `since`. */
  stats(since: Date): Promise<FailureStatsRow[]> {
    return this.prisma.$queryRaw<FailureStatsRow[]>`
      SELECT entity_type, action, count(*)::int AS total_failures,
             round(avg(retry_count), 2)::float8 AS avg_retries, max(retry_count)::int AS max_retries
      FROM sync_failures WHERE created_at > ${since}
      GROUP BY entity_type, action ORDER BY total_failures DESC, entity_type, action`;
  }

  /**
   * failures_last_hour: rows whose first delivery or latest retry failed after `hourAgo` (a
   * successful retry deletes its row, so last_retry_at always marks a failure).
   * avg_retries: over rows created since `since`.
   */
  async alertNumbers(db: Tx | PrismaService, hourAgo: Date, since: Date): Promise<AlertNumbersRow> {
    // Two subqueries of their own: Citus cannot push a scalar subquery down beside a distributed table's aggregates.
    const [row] = await db.$queryRaw<AlertNumbersRow[]>`
      WITH h AS (SELECT count(*)::int AS n FROM sync_failures WHERE created_at > ${hourAgo} OR last_retry_at > ${hourAgo}),
           w AS (SELECT coalesce(round(avg(retry_count), 2), 0)::float8 AS avg_retries, count(*)::int AS rows_in_window
                 FROM sync_failures WHERE created_at > ${since})
      SELECT h.n AS failures_last_hour, w.avg_retries, w.rows_in_window FROM h, w`;
    return row;
  }

  /** Entity ids with the most failed deliveries since `since`: each row counts its first failure plus its failed retries. */
  entityFailures(db: Tx | PrismaService, since: Date, limit: number): Promise<EntityFailuresRow[]> {
    return db.$queryRaw<EntityFailuresRow[]>`
      SELECT entity_type, entity_id, (count(*) + sum(retry_count))::int AS failures
      FROM sync_failures WHERE created_at > ${since}
      GROUP BY entity_type, entity_id ORDER BY failures DESC, entity_type, entity_id LIMIT ${limit}`;
  }
}

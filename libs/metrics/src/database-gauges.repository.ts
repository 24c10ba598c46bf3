import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

export interface QueueFigures {
  outbox_depth: number;
  outbox_oldest_age_seconds: number;
  failures_due: number;
  failures_waiting: number;
  failures_critical: number;
  operations_queued: number;
  operations_processing: number;
  operations_stuck_processing: number;
  operations_queue_stalled: number;
}

/** The three alert rules of the sync-failures document, as figures (same windows as /sync-failures/alerts). */
export interface AlertFigures {
  failures_last_hour: number;
  max_entity_failures_24h: number;
  avg_retries_24h: number;
}

/**
 * Did a worker take an operation out of the queue since `$3` (the stale cutoff)? Workers claim the
 * queue's head (sync_queue, in first-operation order), so what they applied last sits just below
 * the head's first operation; an operation the queue applied (or failed) was written twice, so its
 * updated_at is later than its created_at (a synchronous write is inserted COMPLETED once: both
 * equal). Reads the queue's head and the 1,000 ids below it (primary keys), whatever the log's size.
 */
const QUEUE_PROGRESS = `SELECT 1 FROM (
    SELECT created_at, updated_at FROM sync_operations
    WHERE id < (SELECT min(operation_id) FROM sync_queue)
    ORDER BY id DESC LIMIT 1000) below_head
  WHERE updated_at > created_at AND updated_at >= $3::timestamptz`;

/** Operations written PROCESSING, through the list the trigger keeps (sync_operations_processing). */
const PROCESSING = `sync_operations_processing p JOIN sync_operations s ON s.id = p.operation_id AND s.status = 'PROCESSING'`;

/**
 * The few aggregate reads behind the database gauges, in one statement. Run by the refresh job
 * on one instance per tick, never per scrape. `now` and the limits come as parameters (UTC).
 */
@Injectable()
export class DatabaseGaugesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async queueFigures(now: Date, maxRetries: number, staleBefore: Date): Promise<QueueFigures> {
    const [row] = await this.prisma.sql<QueueFigures>(
      // The failures' counts in a subquery of their own: Citus cannot push scalar subqueries down
      // beside the aggregates of a distributed table ("cannot push down subquery on the target list").
      `WITH f AS (
         SELECT count(*) FILTER (WHERE f.next_retry_at IS NOT NULL AND f.retry_count < $2 AND f.next_retry_at <= $1::timestamp)::int AS failures_due,
                count(*) FILTER (WHERE f.next_retry_at IS NOT NULL AND f.retry_count < $2 AND f.next_retry_at > $1::timestamp)::int AS failures_waiting,
                count(*) FILTER (WHERE f.next_retry_at IS NULL OR f.retry_count >= $2)::int AS failures_critical
         FROM sync_failures f)
       SELECT
         (SELECT count(*) FROM sync_outbox)::int AS outbox_depth,
         COALESCE((SELECT extract(epoch FROM $1::timestamptz - min(created_at)) FROM sync_outbox), 0)::float8 AS outbox_oldest_age_seconds,
         f.failures_due, f.failures_waiting, f.failures_critical,
         (SELECT coalesce(sum(size), 0) FROM sync_queue)::int AS operations_queued,
         (SELECT count(*) FROM ${PROCESSING})::int AS operations_processing,
         (SELECT count(*) FROM ${PROCESSING} WHERE s.updated_at < $3::timestamptz)::int AS operations_stuck_processing,
         CASE WHEN EXISTS (${QUEUE_PROGRESS}) THEN 0
              ELSE (SELECT coalesce(sum(size), 0) FROM sync_queue WHERE created_at < $3::timestamptz)
         END::int AS operations_queue_stalled
       FROM f`,
      [now.toISOString(), maxRetries, staleBefore.toISOString()],
    );
    return row;
  }

  async alertFigures(now: Date): Promise<AlertFigures> {
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    const [row] = await this.prisma.sql<AlertFigures>(
      `SELECT
         (SELECT count(*) FROM sync_failures WHERE created_at > $1::timestamp OR last_retry_at > $1::timestamp)::int AS failures_last_hour,
         COALESCE((SELECT max(n) FROM (SELECT count(*) + sum(retry_count) AS n FROM sync_failures WHERE created_at > $2::timestamp GROUP BY entity_type, entity_id) e), 0)::int AS max_entity_failures_24h,
         COALESCE((SELECT avg(retry_count) FROM sync_failures WHERE created_at > $2::timestamp), 0)::float8 AS avg_retries_24h`,
      [hourAgo, dayAgo],
    );
    return row;
  }
}

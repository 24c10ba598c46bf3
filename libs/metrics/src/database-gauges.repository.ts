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
  operations_stuck: number;
}

/**
 * The few aggregate reads behind the database gauges, in one statement. Run by the refresh job
 * on one instance per tick, never per scrape. `now` and the limits come as parameters (UTC).
 */
@Injectable()
export class DatabaseGaugesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async queueFigures(now: Date, maxRetries: number, staleBefore: Date): Promise<QueueFigures> {
    const [row] = await this.prisma.sql<QueueFigures>(
      `SELECT
         (SELECT count(*) FROM sync_outbox)::int AS outbox_depth,
         COALESCE((SELECT extract(epoch FROM $1::timestamptz - min(created_at)) FROM sync_outbox), 0)::float8 AS outbox_oldest_age_seconds,
         count(*) FILTER (WHERE f.next_retry_at IS NOT NULL AND f.retry_count < $2 AND f.next_retry_at <= $1::timestamp)::int AS failures_due,
         count(*) FILTER (WHERE f.next_retry_at IS NOT NULL AND f.retry_count < $2 AND f.next_retry_at > $1::timestamp)::int AS failures_waiting,
         count(*) FILTER (WHERE f.next_retry_at IS NULL OR f.retry_count >= $2)::int AS failures_critical,
         (SELECT count(*) FROM sync_operations WHERE status = 'QUEUED')::int AS operations_queued,
         (SELECT count(*) FROM sync_operations WHERE status = 'PROCESSING')::int AS operations_processing,
         (SELECT count(*) FROM sync_operations WHERE status IN ('QUEUED', 'PROCESSING') AND updated_at < $3::timestamptz)::int AS operations_stuck
       FROM sync_failures f`,
      [now.toISOString(), maxRetries, staleBefore.toISOString()],
    );
    return row;
  }
}

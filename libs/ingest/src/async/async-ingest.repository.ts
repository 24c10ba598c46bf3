import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SyncedTableName } from '@app/common';
import { PgTx, Prepared, PrismaService } from '@app/database';
import { JOB_OPERATION_IDS, jobOperationsWhere } from '@app/operations';
import { Change, OperationType } from '../change';
import { batchColumns, batchRowsSql } from '../batch-columns';

export interface JobCounts {
  queued: number;
  processing: number;
  completed: number;
  error: number;
  /** Operations of the job in partitions retention retired (ids below the oldest partition kept). */
  archived: number;
  accepted_at: Date | null;
  last_change_at: Date | null;
}

export interface JobError {
  id: string;
  table_name: string;
  record_id: string;
  operation: OperationType;
  error: string | null;
}

/** Workers LISTEN on it; accepted batches NOTIFY it (QueueBell). */
export const ASYNC_QUEUE_CHANNEL = 'resync_async_queue';

/**
 * Logs a batch of one job as QUEUED operations with their payload, in input order, queues them as
 * one `sync_queue` entry and lists them under their job ($4), in one row holding the entry's own
 * array (prepared: run for every accepted batch). The batch comes as its columns (batchColumns):
 * fields $1, operations $5, ids $6, versions $7 (and the device, $8); each payload is stored as the json text it came
 * as, so accepting converts nothing (the worker's statement makes the table's jsonb).
 */
const ACCEPT: Prepared = {
  name: 'resync_async_accept',
  text: `WITH accepted AS (
      INSERT INTO sync_operations (table_name, record_id, client_id, device_id, batch_version, queue_id, operation, status, payload)
      SELECT $3::text, i.hash_id, $2::text, $8::text, i.ver, $4::text, i.op::"OperationType", 'QUEUED', i.fields
      FROM ${batchRowsSql({ fields: '$1', ops: '$5', ids: '$6', versions: '$7' })} i
      ORDER BY i.idx
      RETURNING id),
    entry AS (
      INSERT INTO sync_queue (operation_id, client_id, table_name, operation_ids, size)
      SELECT min(id), $2::text, $3::text, array_agg(id ORDER BY id), count(*) FROM accepted HAVING count(*) > 0
      RETURNING operation_ids),
    jobs AS (
      INSERT INTO sync_job_operations (client_id, queue_id, operation_ids) SELECT $2::text, $4::text, e.operation_ids FROM entry e)
    SELECT id FROM accepted`,
};

/** Accepting into the queue, its depth, and a job's progress (the workers' side: AsyncQueueRepository). */
@Injectable()
export class AsyncIngestRepository {
  /** DATABASE_ENGINE=citus: a job's operations are read by `id = ANY(...)` on the client's shard (jobOperationsWhere). */
  private readonly citus: boolean;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.citus = config.databaseEngine === 'citus';
  }

  /**
   * Logs changes of one client, table and job as QUEUED with their payload and queues them, in ONE
   * statement (straight on the pool: atomic on its own). Returns the new operation ids in input order.
   */
  async accept(
    clientId: string,
    table: SyncedTableName,
    jobId: string,
    changes: Change[],
    deviceId: string | null = null,
  ): Promise<bigint[]> {
    if (changes.some((c) => c.queueId !== jobId)) throw new Error('accept: every change must carry the job id');
    const batch = batchColumns(changes);
    const rows = await this.prisma.sql<{ id: string }>(ACCEPT, [
      batch.fields,
      clientId,
      table,
      jobId,
      batch.ops,
      batch.ids,
      batch.versions,
      deviceId,
    ]);
    // bigserial values follow the insert's ORDER BY; sorted to be independent of RETURNING's order.
    return rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Records a client's claimed operations that failed (per record) as ERROR with the reason. */
  async markErrors(tx: PgTx, clientId: string, failures: { id: bigint; error: string }[]): Promise<void> {
    if (failures.length === 0) return;
    // The client named: on Citus the update goes to its shard alone.
    await tx.query(
      `UPDATE sync_operations s SET status = 'ERROR', error = f.error, updated_at = now()
       FROM unnest($1::bigint[], $2::text[]) AS f(id, error)
       WHERE s.id = f.id AND s.client_id = $3`,
      [failures.map((f) => f.id.toString()), failures.map((f) => f.error), clientId],
    );
  }

  /** Operations waiting in the queue, all clients (for backpressure): the entries' sizes, a small table. */
  async queueDepth(): Promise<number> {
    const [{ depth }] = await this.prisma.sql<{ depth: number }>(
      `SELECT coalesce(sum(size), 0)::int AS depth FROM sync_queue`,
      [],
    );
    return depth;
  }

  /** A client's operations logged with queue job id `queueId`, counted by status (the job's rows, then primary keys). */
  async jobCounts(clientId: string, queueId: string): Promise<JobCounts> {
    // `archived`: the job's ids below the oldest partition not retired (retention retires oldest
    // first), plus those whose job rows retention dropped with their partition (the job's head).
    const [row] = await this.prisma.sql<JobCounts>(
      `WITH ids AS (SELECT ARRAY(${JOB_OPERATION_IDS}) AS ids),
         head AS (SELECT archived, accepted_at, last_change_at FROM sync_job_heads WHERE client_id = $1 AND queue_id = $2)
       SELECT count(*) FILTER (WHERE status = 'QUEUED')::int AS queued, count(*) FILTER (WHERE status = 'PROCESSING')::int AS processing,
              count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE status = 'ERROR')::int AS error,
              ((SELECT count(*) FROM ids, unnest(ids.ids) i
                WHERE i < (SELECT min(first_id) FROM sync_operation_partitions WHERE retired_at IS NULL))
               + coalesce((SELECT archived FROM head), 0))::int AS archived,
              least(coalesce(min(created_at), (SELECT min(created_at) FROM sync_job_operations WHERE client_id = $1 AND queue_id = $2)),
                    (SELECT accepted_at FROM head)) AS accepted_at,
              coalesce(max(updated_at), (SELECT max(created_at) FROM sync_job_operations WHERE client_id = $1 AND queue_id = $2),
                       (SELECT last_change_at FROM head)) AS last_change_at
       FROM ${jobOperationsWhere('o.status, o.created_at, o.updated_at', '(SELECT ids FROM ids)', { citus: this.citus })}`,
      [clientId, queueId],
    );
    return row;
  }

  /** The job's ERROR operations, oldest first, up to `limit`. */
  jobErrors(clientId: string, queueId: string, limit: number): Promise<JobError[]> {
    return this.prisma.sql<JobError>(
      `SELECT o.id::text AS id, o.table_name, o.record_id, o.operation::text AS operation, o.error
       FROM ${jobOperationsWhere('o.id, o.table_name, o.record_id, o.operation, o.error, o.status', undefined, {
         citus: this.citus,
       })}
       AND o.status = 'ERROR' ORDER BY o.id LIMIT $3`,
      [clientId, queueId, limit],
    );
  }
}

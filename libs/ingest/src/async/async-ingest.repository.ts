import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { PgTx, Prepared, PrismaService } from '@app/database';
import { Change, OperationType } from '../change';
import { batchJson } from '../apply-and-log.statement';

/** A QUEUED operation a worker has claimed (locked in its transaction). */
export interface ClaimedOperation {
  id: bigint;
  client_id: string;
  table_name: string;
  record_id: string;
  batch_version: number;
  queue_id: string | null;
  operation: OperationType;
  /** Null unless asked for (claim's `withPayloads`). */
  payload: Record<string, unknown> | null;
  /** The record has an older operation waiting outside this claim: leave this one QUEUED. */
  blocked: boolean;
}

export interface JobCounts {
  queued: number;
  processing: number;
  completed: number;
  error: number;
  accepted_at: Date | null;
  last_change_at: Date | null;
}

export interface JobError {
  id: bigint;
  table_name: string;
  record_id: string;
  operation: OperationType;
  error: string | null;
}

/** Workers LISTEN on it; every accepted batch NOTIFYs it (delivered at commit). */
export const ASYNC_QUEUE_CHANNEL = 'resync_async_queue';

/** Logs a batch as QUEUED operations with their payload, in input order (prepared: run for every accepted batch). */
const ACCEPT: Prepared = {
  name: 'resync_async_accept',
  text: `WITH accepted AS (
      INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, queue_id, operation, status, payload)
      SELECT $3::text, i.hash_id, $2::text, i.ver, i.queue_id, i.op::"OperationType", 'QUEUED', i.data
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (op text, hash_id text, ver int, data jsonb, queue_id text))
           WITH ORDINALITY AS i(op, hash_id, ver, data, queue_id, idx)
      ORDER BY i.idx
      RETURNING id)
    SELECT a.id FROM accepted a CROSS JOIN (SELECT pg_notify('${ASYNC_QUEUE_CHANNEL}', '')) AS wake`,
};

// Not prepared: a plan cached while the queue was small kept reading it whole as it grew (a
// sequential scan and sort per claim), so both statements are planned for the queue at hand.
const CLAIM = `
  WITH claimed AS (
    SELECT id FROM sync_operations WHERE status = 'QUEUED' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
  SELECT o.id, o.client_id, o.table_name, o.record_id, o.batch_version, o.queue_id, o.operation::text AS operation,
         CASE WHEN $2::boolean THEN o.payload END AS payload
  FROM claimed c JOIN sync_operations o ON o.id = c.id
  ORDER BY o.id`;

/** The operations waiting ahead of `$1` (the claim's newest): the claim's own, and those other workers hold. */
const AHEAD = `
  SELECT id, client_id, table_name, record_id FROM sync_operations
  WHERE status IN ('QUEUED', 'PROCESSING') AND id < $1`;

/** The queue is sync_operations itself: a QUEUED operation with its payload is a job's unit of work. */
@Injectable()
export class AsyncIngestRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Logs changes of one client and table as QUEUED with their payload, in ONE statement (straight
   * on the pool: atomic on its own), which also wakes the workers (NOTIFY, delivered at commit).
   * Returns the new operation ids in input order.
   */
  async accept(clientId: string, table: SyncedTableName, changes: Change[]): Promise<bigint[]> {
    const rows = await this.prisma.sql<{ id: string }>(ACCEPT, [batchJson(changes), clientId, table]);
    // bigserial values follow the insert's ORDER BY; sorted to be independent of RETURNING's order.
    return rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * Claims up to `limit` QUEUED operations for the caller's transaction, oldest first, with FOR
   * UPDATE SKIP LOCKED: workers take disjoint sets, and the row locks are the claim (a worker that
   * dies releases them when PostgreSQL ends its session, and the operations are QUEUED again for
   * anyone). An operation is `blocked` when its record has an older operation waiting outside this
   * claim (another worker holds it): the worker must leave it QUEUED, and a later claim takes it
   * (AsyncIngestWorker), so a record's operations apply in the order they were accepted, across jobs
   * and workers. Payloads are read only when the outbox needs them: the worker's statement reads them
   * from the operations' rows.
   */
  async claim(tx: PgTx, limit: number, withPayloads: boolean): Promise<ClaimedOperation[]> {
    // The queue's head in id order through sync_operations_queue_idx. Statistics of a queue lag
    // behind its size: believing it small, the planner read the whole queue with a bitmap scan and
    // sorted it (28 ms for a claim of 1,000 out of 50,000 against 1 ms in index order).
    await tx.query('SET LOCAL enable_bitmapscan = off');
    const { rows } = await tx.query<Omit<ClaimedOperation, 'id' | 'blocked'> & { id: string }>(CLAIM, [
      limit,
      withPayloads,
    ]);
    if (rows.length === 0) return [];
    const claimed = rows.map((r) => ({ ...r, id: BigInt(r.id), blocked: false }));
    // One range of the queue's head rather than a probe per operation: a probe planned against a
    // queue's stale statistics scanned the whole queue for each operation (seconds per claim).
    const ids = new Set(claimed.map((op) => op.id));
    const held = new Map<string, bigint>(); // record -> its oldest operation held elsewhere
    const ahead = await tx.query<{ id: string; client_id: string; table_name: string; record_id: string }>(AHEAD, [
      claimed[claimed.length - 1].id.toString(),
    ]);
    for (const op of ahead.rows) {
      const id = BigInt(op.id);
      const key = recordKey(op);
      const first = held.get(key);
      if (!ids.has(id) && (first === undefined || id < first)) held.set(key, id);
    }
    for (const op of claimed) {
      const first = held.get(recordKey(op));
      op.blocked = first !== undefined && first < op.id;
    }
    return claimed;
  }

  /** Records claimed operations that failed (per record) as ERROR with the reason. */
  async markErrors(tx: PgTx, failures: { id: bigint; error: string }[]): Promise<void> {
    if (failures.length === 0) return;
    await tx.query(
      `UPDATE sync_operations s SET status = 'ERROR', error = f.error, updated_at = now()
       FROM unnest($1::bigint[], $2::text[]) AS f(id, error)
       WHERE s.id = f.id`,
      [failures.map((f) => f.id.toString()), failures.map((f) => f.error)],
    );
  }

  /** Operations waiting in the queue, all clients (for backpressure). */
  async queueDepth(): Promise<number> {
    const [{ depth }] = await this.prisma.sql<{ depth: number }>(
      `SELECT count(*)::int AS depth FROM sync_operations WHERE status = 'QUEUED'`,
      [],
    );
    return depth;
  }

  /** A client's operations logged with queue job id `queueId`, counted by status (one index range). */
  async jobCounts(clientId: string, queueId: string): Promise<JobCounts> {
    const [row] = await this.prisma.$queryRaw<JobCounts[]>`
      SELECT count(*) FILTER (WHERE status = 'QUEUED')::int AS queued, count(*) FILTER (WHERE status = 'PROCESSING')::int AS processing,
             count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE status = 'ERROR')::int AS error,
             min(created_at) AS accepted_at, max(updated_at) AS last_change_at
      FROM sync_operations WHERE client_id = ${clientId} AND queue_id = ${queueId}`;
    return row;
  }

  /** The job's ERROR operations, oldest first, up to `limit`. */
  jobErrors(clientId: string, queueId: string, limit: number): Promise<JobError[]> {
    return this.prisma.$queryRaw<JobError[]>`
      SELECT id, table_name, record_id, operation::text AS operation, error
      FROM sync_operations WHERE client_id = ${clientId} AND queue_id = ${queueId} AND status = 'ERROR'
      ORDER BY id LIMIT ${limit}`;
  }
}

/** A record's identity across clients and tables. */
function recordKey(op: { client_id: string; table_name: string; record_id: string }): string {
  return `${op.client_id}\u0000${op.table_name}\u0000${op.record_id}`;
}

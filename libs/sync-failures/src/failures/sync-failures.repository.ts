import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { claimByClient, Prisma, PrismaService, Tx } from '@app/database';
import {
  FAILURE_COLUMNS,
  FAILURE_DEVICE,
  FailureFilter,
  failureWhere,
  SyncFailureRow,
  SyncFailureView,
} from './sync-failure.sql';

export interface NewFailureRow {
  entityType: string;
  entityId: string;
  action: string;
  error: string;
  payload: string;
  clientId: string;
  tableName: string;
  recordId: string;
  operationId: bigint | null;
  nextRetryAt: Date | null;
}

/** The result of one failed retry, written over the claimed row. */
export interface AttemptRow {
  id: string;
  retryCount: number;
  error: string;
  action: string;
  payload: string;
  nextRetryAt: Date | null;
}

/**
 * Writes to sync_failures; only SyncFailuresService calls it. Lists travel as arrays through
 * unnest, not one bind parameter per value, so no batch nears PostgreSQL's 65,535-parameter limit.
 */
@Injectable()
export class SyncFailuresRepository {
  /** DATABASE_ENGINE=citus: a claim locks one client's failures at a time (claimByClient). */
  private readonly perClient: boolean;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perClient = config.databaseEngine === 'citus';
  }

  /**
   * The outcome of a dispatcher round, in one statement (one atomic commit): removes the handled
   * outbox entries still under this claim (`leaseUntil`; an expired, re-claimed entry is the new
   * claimer's) and inserts a failure row for each failed one among those removed. A record's next
   * outbox entry becomes claimable in this commit, or stays behind the new failure row.
   * `failures[i].outboxId` names the entry a failure comes from.
   */
  async settleOutbox(
    outboxIds: bigint[],
    leaseUntil: Date,
    rows: (NewFailureRow & { outboxId: bigint })[],
    now: Date,
  ): Promise<{ removed: number; failed: number }> {
    const [result] = await this.prisma.$queryRaw<{ removed: number; failed: number }[]>`
      WITH removed AS (
        DELETE FROM sync_outbox WHERE id = ANY(${outboxIds}::bigint[]) AND claimed_until = ${leaseUntil} RETURNING id),
      failed AS (
        INSERT INTO sync_failures (id, entity_type, entity_id, action, error, payload, retry_count, created_at, updated_at,
                                   client_id, table_name, record_id, operation_id, next_retry_at)
        SELECT gen_random_uuid()::text, f.entity_type, f.entity_id, f.action, f.error, f.payload, 0, ${now}::timestamptz, ${now}::timestamptz,
               f.client_id, f.table_name, f.record_id, f.operation_id, f.next_retry_at
        FROM unnest(${rows.map((r) => r.outboxId)}::bigint[], ${rows.map((r) => r.entityType)}::text[], ${rows.map((r) => r.entityId)}::text[],
                    ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.error)}::text[], ${rows.map((r) => r.payload)}::text[],
                    ${rows.map((r) => r.clientId)}::text[], ${rows.map((r) => r.tableName)}::text[], ${rows.map((r) => r.recordId)}::text[],
                    ${rows.map((r) => r.operationId)}::bigint[], ${rows.map((r) => r.nextRetryAt)}::timestamptz[])
             AS f(outbox_id, entity_type, entity_id, action, error, payload, client_id, table_name, record_id, operation_id, next_retry_at)
        WHERE f.outbox_id IN (SELECT id FROM removed)
        RETURNING 1)
      SELECT (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM failed)::int AS failed`;
    return result;
  }

  /**
   * Claims up to `limit` failures due at `cutoff` (oldest due first) by moving next_retry_at to
   * `leaseUntil` in the same statement: concurrent claimers skip the locked rows and then find them
   * no longer due. The lease value is the claim's token for recordAttempts and release.
   */
  async claimDue(cutoff: Date, leaseUntil: Date, limit: number): Promise<SyncFailureRow[]> {
    if (!this.perClient) return this.claimDueOf(undefined, cutoff, leaseUntil, limit);
    // Citus: the clients of the `limit` failures due first (read without locks), then client by client.
    const clients = await this.prisma.$queryRaw<{ client_id: string }[]>`
      SELECT client_id FROM (
        SELECT client_id, next_retry_at, id FROM sync_failures WHERE next_retry_at <= ${cutoff}
        ORDER BY next_retry_at, id LIMIT ${limit}) w
      GROUP BY client_id ORDER BY min(next_retry_at), client_id`;
    return claimByClient(
      clients.map((c) => c.client_id),
      limit,
      (clientId, room) => this.claimDueOf(clientId, cutoff, leaseUntil, room),
    );
  }

  /** The claim, of one client's failures only when `clientId` is given. */
  private claimDueOf(
    clientId: string | undefined,
    cutoff: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<SyncFailureRow[]> {
    const client = clientId === undefined ? Prisma.empty : Prisma.sql`AND client_id = ${clientId}`;
    return this.prisma.$queryRaw<SyncFailureRow[]>`
      UPDATE sync_failures SET next_retry_at = ${leaseUntil}
      WHERE id IN (SELECT id FROM sync_failures WHERE next_retry_at <= ${cutoff} ${client}
                   ORDER BY next_retry_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED) ${client}
      RETURNING ${FAILURE_COLUMNS}`;
  }

  /** Claims one failure whatever its state (a person asked for it). */
  async claimOne(id: string, leaseUntil: Date): Promise<SyncFailureRow | undefined> {
    const rows = await this.prisma.$queryRaw<SyncFailureRow[]>`
      UPDATE sync_failures SET next_retry_at = ${leaseUntil} WHERE id = ${id} RETURNING ${FAILURE_COLUMNS}`;
    return rows[0];
  }

  async deleteMany(tx: Tx, ids: string[]): Promise<number> {
    return tx.$executeRaw`DELETE FROM sync_failures WHERE id = ANY(${ids}::text[])`;
  }

  /** Writes failed attempts over rows still holding the claim `leaseUntil` (a row changed meanwhile by a person is left alone). */
  async recordAttempts(tx: Tx, rows: AttemptRow[], leaseUntil: Date, now: Date): Promise<number> {
    return tx.$executeRaw`
      UPDATE sync_failures s
      SET retry_count = a.retry_count, error = a.error, action = a.action, payload = a.payload,
          next_retry_at = a.next_retry_at, last_retry_at = ${now}, updated_at = ${now}
      FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.retryCount)}::int[], ${rows.map((r) => r.error)}::text[],
                  ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.payload)}::text[], ${rows.map((r) => r.nextRetryAt)}::timestamptz[])
           AS a(id, retry_count, error, action, payload, next_retry_at)
      WHERE s.id = a.id AND s.next_retry_at = ${leaseUntil}`;
  }

  /** Gives back claimed rows that were never attempted (shutdown), due at `dueAt`. */
  async release(ids: string[], leaseUntil: Date, dueAt: Date): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE sync_failures SET next_retry_at = ${dueAt} WHERE id = ANY(${ids}::text[]) AND next_retry_at = ${leaseUntil}`;
  }

  async reschedule(filter: FailureFilter, maxRetries: number, dueAt: Date): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE sync_failures SET next_retry_at = ${dueAt}, updated_at = ${dueAt} WHERE ${failureWhere(filter, maxRetries)}`;
  }

  async deleteById(id: string): Promise<SyncFailureView | undefined> {
    const rows = await this.prisma.$queryRaw<
      SyncFailureView[]
    >`DELETE FROM sync_failures WHERE id = ${id} RETURNING ${FAILURE_COLUMNS}, ${FAILURE_DEVICE}`;
    return rows[0];
  }

  deleteExhausted(tx: Tx, moreRetriesThan: number, createdBefore: Date): Promise<number> {
    return tx.$executeRaw`DELETE FROM sync_failures WHERE retry_count > ${moreRetriesThan} AND created_at < ${createdBefore}`;
  }

  deleteCreatedBefore(tx: Tx, createdBefore: Date): Promise<number> {
    return tx.$executeRaw`DELETE FROM sync_failures WHERE created_at < ${createdBefore}`;
  }
}

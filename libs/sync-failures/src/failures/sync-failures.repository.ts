import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { claimByClient, Prepared, PrismaService, Tx } from '@app/database';
import {
  FAILURE_COLUMN_LIST,
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

/** SyncFailuresRepository.settleOutbox's statement, prepared once per connection (every dispatcher round runs it). */
const SETTLE_OUTBOX: Prepared = {
  name: 'resync_settle_outbox',
  text: `
    WITH lease AS (DELETE FROM sync_outbox_leases WHERE id = $1::bigint RETURNING id),
    removed AS (
      DELETE FROM sync_outbox WHERE id = ANY($2::bigint[]) AND EXISTS (SELECT 1 FROM lease) RETURNING id),
    failed AS (
      INSERT INTO sync_failures (id, entity_type, entity_id, action, error, payload, retry_count, created_at, updated_at,
                                 client_id, table_name, record_id, operation_id, next_retry_at)
      SELECT gen_random_uuid()::text, f.entity_type, f.entity_id, f.action, f.error, f.payload, 0, $3::timestamptz, $3::timestamptz,
             f.client_id, f.table_name, f.record_id, f.operation_id, f.next_retry_at
      FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                  $12::text[], $13::bigint[], $14::timestamptz[])
           AS f(outbox_id, entity_type, entity_id, action, error, payload, client_id, table_name, record_id, operation_id, next_retry_at)
      WHERE f.outbox_id IN (SELECT id FROM removed)
      RETURNING 1)
    SELECT (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM failed)::int AS failed`,
};

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
   * The outcome of a dispatcher round, in one statement (one atomic commit): ends the round's lease
   * and, if it was still there, removes the handled outbox entries and inserts a failure row for
   * each failed one. A lease that is gone expired and was taken over with its entries: they are
   * the new claimer's, and nothing is written. A record's next outbox entry becomes claimable in
   * this commit, or stays behind the new failure row. `failures[i].outboxId` names the entry a
   * failure comes from.
   */
  async settleOutbox(
    outboxIds: string[],
    leaseId: string,
    rows: (NewFailureRow & { outboxId: string })[],
    now: Date,
  ): Promise<{ removed: number; failed: number }> {
    const [result] = await this.prisma.sql<{ removed: number; failed: number }>(SETTLE_OUTBOX, [
      leaseId,
      outboxIds,
      now,
      rows.map((r) => r.outboxId),
      rows.map((r) => r.entityType),
      rows.map((r) => r.entityId),
      rows.map((r) => r.action),
      rows.map((r) => r.error),
      rows.map((r) => r.payload),
      rows.map((r) => r.clientId),
      rows.map((r) => r.tableName),
      rows.map((r) => r.recordId),
      rows.map((r) => r.operationId?.toString() ?? null),
      rows.map((r) => r.nextRetryAt),
    ]);
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
  private async claimDueOf(
    clientId: string | undefined,
    cutoff: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<SyncFailureRow[]> {
    const client = clientId === undefined ? '' : 'AND client_id = $4';
    // On the pool, not through Prisma: a drain claims thousands of rows and Prisma's row mapping showed in its profile.
    const rows = await this.prisma.sql<Omit<SyncFailureRow, 'operation_id'> & { operation_id: string | null }>(
      `UPDATE sync_failures SET next_retry_at = $1
       WHERE id IN (SELECT id FROM sync_failures WHERE next_retry_at <= $2 ${client}
                    ORDER BY next_retry_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) ${client}
       RETURNING ${FAILURE_COLUMN_LIST}`,
      clientId === undefined ? [leaseUntil, cutoff, limit] : [leaseUntil, cutoff, limit, clientId],
    );
    return rows.map((row) => ({ ...row, operation_id: row.operation_id === null ? null : BigInt(row.operation_id) }));
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

  /** deleteMany outside a transaction, on the pool: a round's delivered retries, the usual outcome. */
  async deleteDelivered(ids: string[]): Promise<void> {
    await this.prisma.sql(`DELETE FROM sync_failures WHERE id = ANY($1::text[])`, [ids]);
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

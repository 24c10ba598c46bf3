import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { PrismaService, Tx } from '@app/database';
import { nextRetryAt } from '../delivery';
import { FailedDelivery, toFailedDelivery } from './failed-delivery';
import { FailureFilter, SyncFailureRow } from './sync-failure.sql';
import { AttemptRow, NewFailureRow, SyncFailuresRepository } from './sync-failures.repository';

/** A first delivery that failed (from the dispatcher). */
export interface NewFailure extends Omit<NewFailureRow, 'nextRetryAt'> {
  /** The outbox entry it comes from. */
  outboxId: string;
  /** Permanent refusals skip the retries and wait for a person. */
  permanent: boolean;
  retryAfterMs?: number;
}

/** A retry that failed: the claimed row, what was sent, and why it failed. */
export interface FailedAttempt {
  row: SyncFailureRow;
  action: string;
  payload: string;
  error: string;
  retryAfterMs?: number;
}

export interface AttemptOutcomes {
  delivered: string[];
  retryFailed: FailedAttempt[];
  refused: FailedAttempt[];
}

/**
 * The only writer of sync_failures. Every status change is a verb here; each takes a list, does
 * nothing for an empty one, and is one set-based statement.
 */
@Injectable()
export class SyncFailuresService {
  private readonly logger = new Logger(SyncFailuresService.name);

  constructor(
    private readonly repository: SyncFailuresRepository,
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The number of retries before a failure waits for manual intervention: SYNC_RETRY_BACKOFF's length. */
  get maxRetries(): number {
    return this.config.syncRetryBackoffMs.length;
  }

  /**
   * A dispatcher round's outcome in one statement: its lease ends and, if it still held them, the
   * handled outbox entries leave the outbox, and those that failed become failure rows. Returns how
   * many left and how many of those failed.
   */
  async settleOutbox(
    outboxIds: string[],
    leaseId: string,
    failures: NewFailure[],
    now: Date,
  ): Promise<{ removed: number; failed: number }> {
    if (outboxIds.length === 0) return { removed: 0, failed: 0 };
    const rows = failures.map(({ permanent, retryAfterMs, ...row }) => ({
      ...row,
      nextRetryAt: permanent ? null : this.nextRetryAt(now, 0, retryAfterMs),
    }));
    return this.repository.settleOutbox(outboxIds, leaseId, rows, now);
  }

  claimDue(cutoff: Date, leaseUntil: Date, limit: number): Promise<SyncFailureRow[]> {
    return this.repository.claimDue(cutoff, leaseUntil, limit);
  }

  claimOne(id: string, leaseUntil: Date): Promise<SyncFailureRow | undefined> {
    return this.repository.claimOne(id, leaseUntil);
  }

  /** The outcome of one round of retries, in one transaction. */
  async recordAttempts(outcomes: AttemptOutcomes, leaseUntil: Date, now: Date): Promise<void> {
    if (outcomes.delivered.length + outcomes.retryFailed.length + outcomes.refused.length === 0) return;
    // All delivered (the usual round): one statement, no transaction around it.
    if (outcomes.retryFailed.length + outcomes.refused.length === 0)
      return this.repository.deleteDelivered(outcomes.delivered);
    await this.prisma.transaction(async (tx) => {
      await this.markDelivered(tx, outcomes.delivered);
      await this.markRetryFailed(tx, outcomes.retryFailed, leaseUntil, now);
      await this.markForManualIntervention(tx, outcomes.refused, leaseUntil, now);
    });
  }

  /** Delivered: nothing left to do, the row goes. */
  async markDelivered(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.repository.deleteMany(tx, ids);
  }

  /** One more failed retry; once retry_count reaches the maximum, next_retry_at is NULL (manual intervention). */
  async markRetryFailed(tx: Tx, attempts: FailedAttempt[], leaseUntil: Date, now: Date): Promise<void> {
    if (attempts.length === 0) return;
    const rows = attempts.map((a) => this.attemptRow(a, this.nextRetryAt(now, a.row.retry_count + 1, a.retryAfterMs)));
    await this.repository.recordAttempts(tx, rows, leaseUntil, now);
  }

  /** The receiver refused the change itself: retrying cannot help, a person must look. */
  async markForManualIntervention(tx: Tx, attempts: FailedAttempt[], leaseUntil: Date, now: Date): Promise<void> {
    if (attempts.length === 0) return;
    await this.repository.recordAttempts(
      tx,
      attempts.map((a) => this.attemptRow(a, null)),
      leaseUntil,
      now,
    );
  }

  /** Claimed rows never attempted (the instance is stopping): due again at once for whoever runs next. */
  async release(ids: string[], leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.repository.release(ids, leaseUntil, this.clock.now());
  }

  /**
   * Makes matching failures due now, including those waiting for manual intervention. retry_count
   * is kept; a row at or above the maximum gets exactly one more attempt, because a failed attempt
   * there sets next_retry_at back to NULL.
   */
  async scheduleNow(filter: FailureFilter): Promise<{ count: number; dueAt: Date }> {
    const dueAt = this.clock.now();
    return { count: await this.repository.reschedule(filter, this.maxRetries, dueAt), dueAt };
  }

  /** Gives up on a failure: it is never delivered. Logged, since it is a decision a person made. */
  async discard(id: string): Promise<FailedDelivery | undefined> {
    const row = await this.repository.deleteById(id);
    if (!row) return undefined;
    this.logger.warn(
      `Sync failure ${row.id} discarded by an admin: ${row.entity_type} ${row.entity_id} ${row.action} (retries: ${row.retry_count})`,
    );
    return toFailedDelivery(row, this.maxRetries);
  }

  /** The product document's two clean-up rules, ages from the configuration. */
  async cleanup(tx: Tx): Promise<{ exhausted: number; expired: number }> {
    const now = this.clock.now().getTime();
    const exhausted = await this.repository.deleteExhausted(
      tx,
      this.config.syncCleanupExhaustedRetries,
      new Date(now - this.config.syncCleanupExhaustedAgeMs),
    );
    const expired = await this.repository.deleteCreatedBefore(tx, new Date(now - this.config.syncCleanupMaxAgeMs));
    return { exhausted, expired };
  }

  private nextRetryAt(now: Date, retryCount: number, retryAfterMs?: number): Date | null {
    return nextRetryAt(now, this.config.syncRetryBackoffMs, retryCount, this.config.syncRetryJitter, retryAfterMs);
  }

  private attemptRow(attempt: FailedAttempt, next: Date | null): AttemptRow {
    return {
      id: attempt.row.id,
      retryCount: attempt.row.retry_count + 1,
      error: attempt.error,
      action: attempt.action,
      payload: attempt.payload,
      nextRetryAt: next,
    };
  }
}

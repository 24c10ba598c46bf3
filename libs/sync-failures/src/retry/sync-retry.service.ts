import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, isSyncedTableName, SyncedTableName } from '@app/common';
import { Metrics } from '@app/metrics';
import { SyncFailureRow } from '../failures/sync-failure.sql';
import { AttemptOutcomes, SyncFailuresService } from '../failures/sync-failures.service';
import { DeliveryResult, SyncMessage, SyncTarget } from '../target/sync-target';
import { claimLeaseMs } from './backoff';
import { mapBounded } from './map-bounded';
import { CurrentRow, SyncedRowsRepository } from './synced-rows.repository';

export interface RetrySummary {
  attempted: number;
  delivered: number;
  failed: number;
  refused: number;
}

export type RetryOutcome = 'delivered' | 'retry_scheduled' | 'manual_intervention';

/** A message to send, or why there is none to send (a permanent problem). */
type Prepared = { message: SyncMessage } | { refused: string };

/**
 * Retries failed deliveries. Each retry sends what makes the external system correct now: the
 * record's current row (as CREATE/UPDATE) or, if it is gone, a DELETE, whatever the first attempt
 * carried. Rows are claimed with a lease (see SyncFailuresRepository.claimDue), so instances never
 * deliver the same retry twice.
 */
@Injectable()
export class SyncRetryService implements OnModuleDestroy {
  private readonly logger = new Logger(SyncRetryService.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;
  @Inject(Metrics) private readonly metrics: Metrics;

  constructor(
    private readonly failures: SyncFailuresService,
    private readonly rows: SyncedRowsRepository,
    private readonly target: SyncTarget,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.target.enabled;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Everything due when called, batch after batch, until none is left. */
  retryDue(): Promise<RetrySummary> {
    return this.track(this.drain());
  }

  /** One failure, now, whatever its state; undefined when there is no such failure. */
  retryNow(id: string): Promise<{ outcome: RetryOutcome; error: string | null } | undefined> {
    return this.track(this.retryOne(id));
  }

  private async drain(): Promise<RetrySummary> {
    const summary: RetrySummary = { attempted: 0, delivered: 0, failed: 0, refused: 0 };
    if (!this.target.enabled) return summary;
    // Only what is due now: rows failing again during the drain wait for their next turn.
    const cutoff = this.clock.now();
    while (!this.stopping) {
      const leaseUntil = this.leaseFrom(this.clock.now());
      const claimed = await this.failures.claimDue(cutoff, leaseUntil, this.config.syncRetryBatchSize);
      if (claimed.length === 0) break;
      const outcomes = await this.attempt(claimed, leaseUntil);
      summary.attempted += outcomes.delivered.length + outcomes.retryFailed.length + outcomes.refused.length;
      summary.delivered += outcomes.delivered.length;
      summary.failed += outcomes.retryFailed.length;
      summary.refused += outcomes.refused.length;
    }
    this.metrics.retried(summary);
    if (summary.attempted > 0) this.logger.log(`Sync retry: ${summary.delivered} delivered, ${summary.failed} failed again, ${summary.refused} refused`);
    return summary;
  }

  private async retryOne(id: string): Promise<{ outcome: RetryOutcome; error: string | null } | undefined> {
    const leaseUntil = this.leaseFrom(this.clock.now());
    const row = await this.failures.claimOne(id, leaseUntil);
    if (!row) return undefined;
    const outcomes = await this.attempt([row], leaseUntil);
    if (outcomes.delivered.length > 0) return { outcome: 'delivered', error: null };
    const failed = outcomes.retryFailed[0] ?? outcomes.refused[0];
    // Not attempted: the instance is stopping and released the claim, so the row is due at once.
    if (!failed) return { outcome: 'retry_scheduled', error: null };
    const scheduled = outcomes.retryFailed.length > 0 && row.retry_count + 1 < this.failures.maxRetries;
    return { outcome: scheduled ? 'retry_scheduled' : 'manual_intervention', error: failed.error };
  }

  /** Delivers claimed rows and records every outcome; rows not attempted (shutdown) are released. */
  private async attempt(claimed: SyncFailureRow[], leaseUntil: Date): Promise<AttemptOutcomes> {
    const prepared = await this.prepare(claimed);
    const results = await mapBounded(prepared, this.config.syncRetryConcurrency, (p) => this.send(p), () => this.stopping);
    const outcomes: AttemptOutcomes = { delivered: [], retryFailed: [], refused: [] };
    const unattempted: string[] = [];
    claimed.forEach((row, i) => {
      const result = results[i];
      const p = prepared[i];
      if (result === undefined) return unattempted.push(row.id);
      if (result.kind === 'delivered') return outcomes.delivered.push(row.id);
      const sent = 'message' in p ? { action: p.message.action, payload: JSON.stringify(p.message.payload) } : { action: row.action, payload: row.payload ?? '' };
      const attempt = { row, ...sent, error: result.error, retryAfterMs: result.kind === 'temporary' ? result.retryAfterMs : undefined };
      (result.kind === 'temporary' ? outcomes.retryFailed : outcomes.refused).push(attempt);
    });
    await this.failures.recordAttempts(outcomes, leaseUntil, this.clock.now());
    await this.failures.release(unattempted, leaseUntil);
    return outcomes;
  }

  private send(prepared: Prepared): Promise<DeliveryResult> {
    return 'message' in prepared ? this.target.deliver(prepared.message) : Promise.resolve({ kind: 'permanent', error: prepared.refused });
  }

  /** Reads the current row of every claimed failure: one query per synced table. */
  private async prepare(claimed: SyncFailureRow[]): Promise<Prepared[]> {
    const current = new Map<string, CurrentRow>();
    const tables = [...new Set(claimed.map((row) => row.table_name))].filter(isSyncedTableName) as SyncedTableName[];
    for (const table of tables) {
      const keys = claimed.filter((row) => row.table_name === table).map((row) => ({ clientId: row.client_id, recordId: row.record_id }));
      for (const row of await this.rows.find(table, keys)) current.set(keyOf(table, row.client_id, row.hash_id), row);
    }
    return claimed.map((row) => {
      if (!isSyncedTableName(row.table_name)) return { refused: `Table ${row.table_name} is not in SYNCED_TABLES` };
      return { message: messageFor(row, current.get(keyOf(row.table_name, row.client_id, row.record_id))) };
    });
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + claimLeaseMs(this.config.syncRetryBatchSize, this.config.syncRetryConcurrency, this.config.externalSyncTimeoutMs));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }
}

function keyOf(table: string, clientId: string, recordId: string): string {
  return JSON.stringify([table, clientId, recordId]);
}

/**
 * The row exists: send it as recorded (CREATE if a DELETE was recorded: the record came back).
 * The record was deleted (a tombstone): send a DELETE, so the external system drops what it may have.
 * The row is lost (no row, no tombstone: a DBA or a bad restore removed it; status tells the client
 * to resend): send what the failed delivery carried, as recorded. No client deleted the record, so
 * the external system must not be told it was deleted; the client's resend brings the row back.
 */
function messageFor(failure: SyncFailureRow, row: CurrentRow | undefined): SyncMessage {
  const operationId = failure.operation_id?.toString() ?? null;
  const envelope = {
    entityType: failure.entity_type,
    entityId: failure.entity_id,
    clientId: failure.client_id,
    operationId,
    idempotencyKey: operationId ?? `sync-failure:${failure.id}`,
  };
  if (row === undefined) return { ...envelope, action: recordedAction(failure.action), payload: recordedPayload(failure) };
  if (row.deleted) return { ...envelope, action: 'DELETE', payload: { _hash_id: failure.record_id, _ver: row.ver } };
  return { ...envelope, action: failure.action === 'UPDATE' ? 'UPDATE' : 'CREATE', payload: { _hash_id: row.hash_id, _ver: row.ver, ...row.data } };
}

function recordedAction(action: string): SyncMessage['action'] {
  return action === 'UPDATE' || action === 'DELETE' ? action : 'CREATE';
}

function recordedPayload(failure: SyncFailureRow): Record<string, unknown> {
  try {
    const payload: unknown = JSON.parse(failure.payload ?? '');
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) return payload as Record<string, unknown>;
  } catch {
    // fall through: a row written by hand (Prisma Studio) may hold anything
  }
  return { _hash_id: failure.record_id };
}

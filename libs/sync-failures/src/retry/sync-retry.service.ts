import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, isSyncedTableName, SyncedTableName } from '@app/common';
import { Metrics } from '@app/metrics';
import { Attempt, DeliveryRound, DeliverySource, Prepared, ROUNDS_IN_FLIGHT } from '../delivery';
import { AttemptOutcomes, SyncFailureRow, SyncFailuresService } from '../failures';
import { deletePayload, SyncMessage, syncMessage } from '../target';
import { CurrentRow, SyncedRowsRepository } from './synced-rows.repository';

export interface RetrySummary {
  attempted: number;
  delivered: number;
  failed: number;
  refused: number;
}

export type RetryOutcome = 'delivered' | 'retry_scheduled' | 'manual_intervention';

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
    private readonly round: DeliveryRound,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.round.enabled;
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
    if (!this.round.enabled) return summary;
    // Only what is due now: rows failing again during the drain wait for their next turn.
    const cutoff = this.clock.now();
    const source = this.source((_now, leaseUntil, limit) => this.failures.claimDue(cutoff, leaseUntil, limit));
    // ROUNDS_IN_FLIGHT rounds side by side: one's claim and record overlap the other's requests.
    const worker = async () => {
      while (!this.stopping) {
        const outcomes = await this.round.run(source, this.options());
        if (outcomes === undefined) break;
        summary.attempted += outcomes.delivered.length + outcomes.retryFailed.length + outcomes.refused.length;
        summary.delivered += outcomes.delivered.length;
        summary.failed += outcomes.retryFailed.length;
        summary.refused += outcomes.refused.length;
      }
    };
    await Promise.all(Array.from({ length: ROUNDS_IN_FLIGHT }, worker));
    this.metrics.retried(summary);
    if (summary.attempted > 0)
      this.logger.log(
        `Sync retry: ${summary.delivered} delivered, ${summary.failed} failed again, ${summary.refused} refused`,
      );
    return summary;
  }

  private async retryOne(id: string): Promise<{ outcome: RetryOutcome; error: string | null } | undefined> {
    let claimed: SyncFailureRow | undefined;
    const source = this.source(async (_now, leaseUntil) => {
      claimed = await this.failures.claimOne(id, leaseUntil);
      return claimed ? [claimed] : [];
    });
    const outcomes = await this.round.run(source, this.options());
    if (!outcomes || !claimed) return undefined;
    if (outcomes.delivered.length > 0) return { outcome: 'delivered', error: null };
    const failed = outcomes.retryFailed[0] ?? outcomes.refused[0];
    // Not attempted: the instance is stopping and released the claim, so the row is due at once.
    if (!failed) return { outcome: 'retry_scheduled', error: null };
    const scheduled = outcomes.retryFailed.length > 0 && claimed.retry_count + 1 < this.failures.maxRetries;
    return { outcome: scheduled ? 'retry_scheduled' : 'manual_intervention', error: failed.error };
  }

  private options() {
    return { batchSize: this.config.syncRetryBatchSize, stopped: () => this.stopping };
  }

  /** Retries: claimed sync_failures rows, sent as they stand now; every outcome recorded on its row. */
  private source(
    claim: DeliverySource<SyncFailureRow, AttemptOutcomes>['claim'],
  ): DeliverySource<SyncFailureRow, AttemptOutcomes> {
    return {
      claim,
      prepare: (claimed) => this.prepare(claimed),
      record: async (attempts, leaseUntil, finishedAt) => {
        const outcomes = outcomesOf(attempts);
        await this.failures.recordAttempts(outcomes, leaseUntil, finishedAt);
        return outcomes;
      },
      release: (claimed, leaseUntil) =>
        this.failures.release(
          claimed.map((row) => row.id),
          leaseUntil,
        ),
    };
  }

  /** Reads the current row of every claimed failure: one query per synced table. */
  private async prepare(claimed: SyncFailureRow[]): Promise<Prepared[]> {
    const current = new Map<string, CurrentRow>();
    const tables = [...new Set(claimed.map((row) => row.table_name))].filter(isSyncedTableName) as SyncedTableName[];
    for (const table of tables) {
      const keys = claimed
        .filter((row) => row.table_name === table)
        .map((row) => ({ clientId: row.client_id, recordId: row.record_id }));
      for (const row of await this.rows.find(table, keys)) current.set(keyOf(table, row.client_id, row.hash_id), row);
    }
    return claimed.map((row) => {
      if (!isSyncedTableName(row.table_name)) return { refused: `Table ${row.table_name} is not in SYNCED_TABLES` };
      return messageFor(row, current.get(keyOf(row.table_name, row.client_id, row.record_id)));
    });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }
}

/** Delivered rows go; failed ones record what was sent (or, never sent, what they held) and why. */
function outcomesOf(attempts: Attempt<SyncFailureRow>[]): AttemptOutcomes {
  const outcomes: AttemptOutcomes = { delivered: [], retryFailed: [], refused: [] };
  for (const { item: row, message, result } of attempts) {
    if (result.kind === 'delivered') {
      outcomes.delivered.push(row.id);
      continue;
    }
    const sent = message
      ? { action: message.action, payload: message.payloadJson }
      : { action: row.action, payload: row.payload ?? '' };
    const attempt = {
      row,
      ...sent,
      error: result.error,
      retryAfterMs: result.kind === 'temporary' ? result.retryAfterMs : undefined,
    };
    (result.kind === 'temporary' ? outcomes.retryFailed : outcomes.refused).push(attempt);
  }
  return outcomes;
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
 * A recorded payload that is not a JSON object (edited by hand) cannot be sent: a person must look.
 */
function messageFor(failure: SyncFailureRow, row: CurrentRow | undefined): Prepared {
  const parts = {
    entityType: failure.entity_type,
    entityId: failure.entity_id,
    clientId: failure.client_id,
    operationId: failure.operation_id,
    fallbackKey: `sync-failure:${failure.id}`,
  };
  if (row?.deleted)
    return { message: syncMessage({ ...parts, action: 'DELETE', payload: deletePayload(failure.record_id, row.ver) }) };
  if (row)
    return {
      message: syncMessage({
        ...parts,
        action: failure.action === 'UPDATE' ? 'UPDATE' : 'CREATE',
        payload: row.payload,
      }),
    };
  const payload = recordedPayload(failure);
  if (!payload) return { refused: `The recorded payload of sync failure ${failure.id} is not a JSON object` };
  return { message: syncMessage({ ...parts, action: recordedAction(failure.action), payload }) };
}

function recordedAction(action: string): SyncMessage['action'] {
  return action === 'UPDATE' || action === 'DELETE' ? action : 'CREATE';
}

function recordedPayload(failure: SyncFailureRow): Record<string, unknown> | undefined {
  try {
    const payload: unknown = JSON.parse(failure.payload ?? '');
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload))
      return payload as Record<string, unknown>;
  } catch {
    // a row written by hand (Prisma Studio) may hold anything
  }
  return undefined;
}

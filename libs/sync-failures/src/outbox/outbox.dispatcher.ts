import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig, findSyncedTable } from '@app/common';
import { PrismaService } from '@app/database';
import { WorkLoop } from '@app/scheduling';
import { DeliveryRound, DeliverySource, Prepared, ROUNDS_IN_FLIGHT } from '../delivery';
import { NewFailure, SyncFailuresService } from '../failures';
import { DeliveryResult, entityIdOf, syncMessage } from '../target';
import { ClaimedOutboxEntry, OutboxRepository } from './outbox.repository';

export interface DispatchSummary {
  delivered: number;
  failed: number;
}

/**
 * Drains the outbox: claims a batch, delivers it with bounded concurrency, then in one statement
 * removes the handled entries and records the failures. Runs as loops (RUN_JOBS and
 * EXTERNAL_SYNC_URL set; ROUNDS_IN_FLIGHT of them, so database work overlaps requests) that go
 * straight on while there is work and sleep SYNC_DISPATCH_INTERVAL when there is none; any number
 * of instances can run them.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly loop: WorkLoop;
  private stopping = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly failures: SyncFailuresService,
    private readonly round: DeliveryRound,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const pass = async () => {
      const { delivered, failed } = await this.dispatchOnce();
      return delivered + failed > 0;
    };
    this.loop = new WorkLoop(pass, config.syncDispatchIntervalMs, (error) =>
      this.logger.error(`Outbox dispatch failed: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.runJobs && this.round.enabled) this.loop.start(ROUNDS_IN_FLIGHT);
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Stops the loop and waits for the batch in flight: deliveries already started finish and are recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
  }

  /** One batch: claim, deliver, record. The loop's unit of work, and what tests call. */
  async dispatchOnce(): Promise<DispatchSummary> {
    if (!this.round.enabled || this.stopping) return { delivered: 0, failed: 0 };
    const summary = await this.round.run(this.source, {
      batchSize: this.config.syncDispatchBatchSize,
      stopped: () => this.stopping,
    });
    if (summary && summary.failed > 0)
      this.logger.warn(`Outbox: ${summary.delivered} delivered, ${summary.failed} failed (recorded in sync_failures)`);
    return summary ?? { delivered: 0, failed: 0 };
  }

  /**
   * First deliveries: entries in outbox order, under one lease per round. Handled entries leave the
   * outbox, and the lease ends, in the statement that records their failures; entries of a lease
   * that expired meanwhile (another instance took them over) are left to that instance.
   */
  private readonly source: DeliverySource<ClaimedOutboxEntry, DispatchSummary> = {
    claim: (now, leaseUntil, limit) => this.outbox.claim(now, leaseUntil, limit),
    prepare: async (entries) => entries.map((entry) => prepare(entry)),
    record: async (attempts, _leaseUntil, finishedAt) => {
      if (attempts.length === 0) return { delivered: 0, failed: 0 };
      const failures = attempts.flatMap(({ item, result }) =>
        result.kind === 'delivered' ? [] : [failureOf(item, result)],
      );
      const { removed, failed } = await this.failures.settleOutbox(
        attempts.map((a) => a.item.id),
        attempts[0].item.lease_id,
        failures,
        finishedAt,
      );
      return { delivered: removed - failed, failed };
    },
    // The lease ended when the round was recorded; a round that attempted nothing ends it here.
    release: async (entries) => {
      if (entries.length > 0) await this.outbox.release(entries[0].lease_id);
    },
  };
}

function prepare(entry: ClaimedOutboxEntry): Prepared {
  const table = findSyncedTable(entry.table_name);
  if (!table) return { refused: `Table ${entry.table_name} is not in SYNCED_TABLES` };
  const entityId = entityIdOf(entry.client_id, entry.record_id);
  const parts = {
    entityType: table.entityType,
    entityId,
    clientId: entry.client_id,
    action: entry.action,
    payload: entry.payload,
  };
  return { message: syncMessage({ ...parts, operationId: entry.operation_id, fallbackKey: entityId }) };
}

function failureOf(entry: ClaimedOutboxEntry, result: Exclude<DeliveryResult, { kind: 'delivered' }>): NewFailure {
  return {
    outboxId: entry.id,
    entityType: findSyncedTable(entry.table_name)?.entityType ?? entry.table_name,
    entityId: entityIdOf(entry.client_id, entry.record_id),
    action: entry.action,
    error: result.error,
    payload: entry.payload,
    clientId: entry.client_id,
    tableName: entry.table_name,
    recordId: entry.record_id,
    operationId: BigInt(entry.operation_id),
    permanent: result.kind === 'permanent',
    retryAfterMs: result.kind === 'temporary' ? result.retryAfterMs : undefined,
  };
}

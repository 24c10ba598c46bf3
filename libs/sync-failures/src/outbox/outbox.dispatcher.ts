import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, findSyncedTable } from '@app/common';
import { PrismaService } from '@app/database';
import { NewFailure, SyncFailuresService } from '../failures/sync-failures.service';
import { claimLeaseMs } from '../retry/backoff';
import { mapBounded } from '../retry/map-bounded';
import { DeliveryResult, SyncMessage, SyncTarget } from '../target/sync-target';
import { ClaimedOutboxEntry, OutboxRepository } from './outbox.repository';

export interface DispatchSummary {
  delivered: number;
  failed: number;
}

/**
 * Drains the outbox: claims a batch, delivers it with bounded concurrency, then in one transaction
 * removes the handled entries and records the failures. Runs as a loop (RUN_JOBS and
 * EXTERNAL_SYNC_URL set) that goes straight on while there is work and sleeps
 * SYNC_DISPATCH_INTERVAL when there is none; any number of instances can run it.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly failures: SyncFailuresService,
    private readonly target: SyncTarget,
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runJobs && this.target.enabled) this.schedule(0);
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
    clearTimeout(this.timer);
    await this.running;
  }

  /** One batch: claim, deliver, record. The loop's unit of work, and what tests call. */
  async dispatchOnce(): Promise<DispatchSummary> {
    if (!this.target.enabled || this.stopping) return { delivered: 0, failed: 0 };
    const now = this.clock.now();
    const lease = claimLeaseMs(this.config.syncDispatchBatchSize, this.config.syncRetryConcurrency, this.config.externalSyncTimeoutMs);
    const leaseUntil = new Date(now.getTime() + lease);
    const entries = await this.outbox.claim(now, leaseUntil, this.config.syncDispatchBatchSize);
    if (entries.length === 0) return { delivered: 0, failed: 0 };

    const results = await mapBounded(entries, this.config.syncRetryConcurrency, (entry) => this.deliver(entry), () => this.stopping);
    const handled = entries.filter((_, i) => results[i] !== undefined);
    const finishedAt = this.clock.now();
    let summary: DispatchSummary = { delivered: 0, failed: 0 };
    await this.prisma.transaction(async (tx) => {
      const removed = await this.outbox.remove(tx, handled.map((e) => e.id), leaseUntil);
      const failures: NewFailure[] = [];
      summary = { delivered: 0, failed: 0 };
      entries.forEach((entry, i) => {
        const result = results[i];
        if (result === undefined || !removed.has(entry.id)) return;
        if (result.kind === 'delivered') summary.delivered++;
        else failures.push(this.failureOf(entry, result));
      });
      summary.failed = failures.length;
      await this.failures.recordFailures(tx, failures, finishedAt);
    });
    await this.outbox.release(entries.filter((_, i) => results[i] === undefined).map((e) => e.id), leaseUntil);
    if (summary.failed > 0) this.logger.warn(`Outbox: ${summary.delivered} delivered, ${summary.failed} failed (recorded in sync_failures)`);
    return summary;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.loop();
    }, delayMs);
  }

  private async loop(): Promise<void> {
    let delay = this.config.syncDispatchIntervalMs;
    try {
      const { delivered, failed } = await this.dispatchOnce();
      if (delivered + failed > 0) delay = 0;
    } catch (error) {
      this.logger.error(`Outbox dispatch failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
      if (!this.stopping) this.schedule(delay);
    }
  }

  private deliver(entry: ClaimedOutboxEntry): Promise<DeliveryResult> {
    const table = findSyncedTable(entry.table_name);
    if (!table) return Promise.resolve({ kind: 'permanent', error: `Table ${entry.table_name} is not in SYNCED_TABLES` });
    return this.target.deliver(messageOf(entry, table.entityType));
  }

  private failureOf(entry: ClaimedOutboxEntry, result: Exclude<DeliveryResult, { kind: 'delivered' }>): NewFailure {
    return {
      entityType: findSyncedTable(entry.table_name)?.entityType ?? entry.table_name,
      entityId: entityIdOf(entry.client_id, entry.record_id),
      action: entry.action,
      error: result.error,
      payload: JSON.stringify(entry.payload),
      clientId: entry.client_id,
      tableName: entry.table_name,
      recordId: entry.record_id,
      operationId: entry.operation_id,
      permanent: result.kind === 'permanent',
      retryAfterMs: result.kind === 'temporary' ? result.retryAfterMs : undefined,
    };
  }
}

/** Record ids are unique per client only; the external system needs one id per entity. */
export function entityIdOf(clientId: string, recordId: string): string {
  return `${clientId}:${recordId}`;
}

function messageOf(entry: ClaimedOutboxEntry, entityType: string): SyncMessage {
  return {
    entityType,
    entityId: entityIdOf(entry.client_id, entry.record_id),
    action: entry.action,
    clientId: entry.client_id,
    payload: entry.payload,
    operationId: entry.operation_id.toString(),
    idempotencyKey: entry.operation_id.toString(),
  };
}

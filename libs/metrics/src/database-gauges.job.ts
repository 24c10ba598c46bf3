import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, SYNCED_TABLES, SyncedTableName } from '@app/common';
import { LockKey } from '@app/database';
import { OperationsService } from '@app/operations';
import { Job, Jobs } from '@app/scheduling';
import { Gauge } from 'prom-client';
import { DatabaseGaugesRepository } from './database-gauges.repository';
import { Metrics } from './metrics';

/**
 * Gauges that need a query (queues, failures, missing operations, lost rows), refreshed on
 * METRICS_REFRESH_CRON by the one instance that wins the advisory lock: the database sees one set
 * of queries per tick whatever the number of instances and scrapers. The other instances drop
 * their copies, so only fresh values are exported (sum or max them without `instance`).
 */
@Injectable()
export class DatabaseGaugesJob implements OnModuleInit {
  readonly job: Job<void>;
  private readonly gauges: Gauge[];
  private readonly outboxDepth: Gauge;
  private readonly outboxAge: Gauge;
  private readonly failures: Gauge;
  private readonly inFlight: Gauge;
  private readonly stuckProcessing: Gauge;
  private readonly queueStalled: Gauge;
  private readonly missing: Gauge;
  private readonly lost: Gauge;
  private readonly refreshed: Gauge;
  private readonly failuresLastHour: Gauge;
  private readonly entityFailures: Gauge;
  private readonly averageRetries: Gauge;
  private exported = true;

  constructor(
    private readonly metrics: Metrics,
    private readonly repository: DatabaseGaugesRepository,
    private readonly operations: OperationsService,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [metrics.registry] });
    this.outboxDepth = gauge('resync_outbox_depth', 'Changes waiting in the outbox for their first delivery');
    this.outboxAge = gauge('resync_outbox_oldest_age_seconds', 'Age of the oldest outbox entry (0 when empty)');
    this.failures = gauge(
      'resync_sync_failures',
      'sync_failures rows by state: due (retry now), waiting (retry later), critical (waits for a person)',
      ['state'],
    );
    this.inFlight = gauge('resync_operations_in_flight', 'Operations logged QUEUED or PROCESSING', ['status']);
    // A long asynchronous queue is not stuck while workers drain it: only PROCESSING past the
    // timeout (interrupted work) and a queue nobody has taken anything from are.
    this.stuckProcessing = gauge(
      'resync_operations_stuck_processing',
      'Operations PROCESSING for longer than STALE_OPERATION_TIMEOUT: interrupted work, which the stale sweep turns into ERROR',
    );
    this.queueStalled = gauge(
      'resync_operations_queue_stalled',
      'Operations QUEUED for longer than STALE_OPERATION_TIMEOUT while no queued operation was applied within it (no worker is making progress); 0 while workers drain the queue, however long',
    );
    this.missing = gauge(
      'resync_missing_operations',
      'Rows without an operation for their current version, per table (0-10 normal, 11-100 warning, over 100 critical)',
      ['table'],
    );
    this.lost = gauge('resync_lost_rows', 'Rows whose COMPLETED write is gone from the table (lost rows), per table', [
      'table',
    ]);
    this.refreshed = gauge(
      'resync_database_gauges_refreshed_timestamp_seconds',
      'When this instance last refreshed the database gauges (Unix time)',
    );
    this.failuresLastHour = gauge(
      'resync_sync_failures_last_hour',
      'Failed deliveries in the last hour: rows whose first delivery or latest retry failed within it (alert rule 1)',
    );
    this.entityFailures = gauge(
      'resync_sync_entity_failures_max_24h',
      'The most failed deliveries of one entity among failures created in the last 24h (alert rule 2)',
    );
    this.averageRetries = gauge(
      'resync_sync_failures_avg_retries_24h',
      'Average retry_count of failures created in the last 24h (alert rule 3)',
    );
    this.gauges = [
      this.failuresLastHour,
      this.entityFailures,
      this.averageRetries,
      this.outboxDepth,
      this.outboxAge,
      this.failures,
      this.inFlight,
      this.stuckProcessing,
      this.queueStalled,
      this.missing,
      this.lost,
      this.refreshed,
    ];
    this.job = {
      name: 'metrics-refresh',
      cron: config.metricsRefreshCron,
      lock: LockKey.MetricsRefresh,
      run: () => this.refresh(),
      skipped: () => this.clear(),
    };
  }

  onModuleInit(): void {
    if (this.metrics.enabled) this.jobs.schedule(this.job);
  }

  /** Reads every figure and sets the gauges (what a tick does once it holds the lock). */
  async refresh(): Promise<void> {
    const now = this.clock.now();
    const figures = await this.repository.queueFigures(
      now,
      this.config.syncRetryBackoffMs.length,
      new Date(now.getTime() - this.config.staleOperationTimeoutMs),
    );
    const alerts = await this.repository.alertFigures(now);
    const tables = Object.keys(SYNCED_TABLES) as SyncedTableName[];
    const missing = await Promise.all(
      tables.map(async (table) => sum(await this.operations.missingOperations(table, 1), (row) => row.missing)),
    );
    const lost = await Promise.all(
      tables.map(async (table) => sum(await this.operations.lostRows(table, 1), (row) => row.lost)),
    );
    this.failuresLastHour.set(alerts.failures_last_hour);
    this.entityFailures.set(alerts.max_entity_failures_24h);
    this.averageRetries.set(alerts.avg_retries_24h);
    this.outboxDepth.set(figures.outbox_depth);
    this.outboxAge.set(figures.outbox_oldest_age_seconds);
    this.failures.set({ state: 'due' }, figures.failures_due);
    this.failures.set({ state: 'waiting' }, figures.failures_waiting);
    this.failures.set({ state: 'critical' }, figures.failures_critical);
    this.inFlight.set({ status: 'QUEUED' }, figures.operations_queued);
    this.inFlight.set({ status: 'PROCESSING' }, figures.operations_processing);
    this.stuckProcessing.set(figures.operations_stuck_processing);
    this.queueStalled.set(figures.operations_queue_stalled);
    tables.forEach((table, i) => {
      this.missing.set({ table }, missing[i]);
      this.lost.set({ table }, lost[i]);
    });
    this.refreshed.set(now.getTime() / 1000);
    if (!this.exported) for (const gauge of this.gauges) this.metrics.registry.registerMetric(gauge);
    this.exported = true;
  }

  /** Another instance refreshes now: stop exporting (a gauge without labels cannot be emptied, only removed). */
  private clear(): void {
    if (!this.exported) return;
    for (const gauge of this.gauges) {
      gauge.reset();
      this.metrics.registry.removeSingleMetric((gauge as unknown as { name: string }).name);
    }
    this.exported = false;
  }
}

function sum<T>(rows: T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + Number(value(row)), 0);
}

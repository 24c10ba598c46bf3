import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LockKey, Tx } from '@app/database';
import { Job, Jobs } from '@app/scheduling';
import { SyncAlerts, SyncFailureReportsService } from './sync-failure-reports.service';

/** Logs a warning per firing alert rule on SYNC_ALERT_CRON, on one instance per tick (the advisory lock's winner). */
@Injectable()
export class SyncAlertsCron implements OnModuleInit {
  private readonly logger = new Logger(SyncAlertsCron.name);
  readonly job: Job<string[]>;

  constructor(
    private readonly reports: SyncFailureReportsService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = {
      name: 'sync-alerts',
      cron: this.config.syncAlertCron,
      lock: LockKey.SyncFailureAlerts,
      run: (tx) => this.logAlerts(tx!),
    };
  }

  onModuleInit(): void {
    this.jobs.schedule(this.job);
  }

  /** The warnings logged (empty when nothing fires), or undefined when another instance holds the lock. */
  async check(): Promise<string[] | undefined> {
    return (await this.jobs.runOnce(this.job)).result;
  }

  private async logAlerts(tx: Tx): Promise<string[]> {
    const warnings = describe(await this.reports.alerts(tx));
    for (const warning of warnings) this.logger.warn(warning);
    return warnings;
  }
}

function describe(alerts: SyncAlerts): string[] {
  const warnings: string[] = [];
  const { failuresLastHour: hour, entityFailures: entity, averageRetries: average } = alerts;
  if (hour.firing)
    warnings.push(
      `Sync failures alert: ${hour.value} failed deliveries in the last hour (threshold ${hour.threshold})`,
    );
  if (entity.firing) {
    const names = entity.entities.map((e) => `${e.entity_type} ${e.entity_id} (${e.failures})`).join(', ');
    warnings.push(`Sync failures alert: entities failing more than ${entity.threshold} times in 24h: ${names}`);
  }
  if (average.firing)
    warnings.push(
      `Sync failures alert: average retry count ${average.value} over the last 24h (threshold ${average.threshold})`,
    );
  return warnings;
}

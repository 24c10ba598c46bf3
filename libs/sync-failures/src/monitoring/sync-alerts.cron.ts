import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LockKey, Tx } from '@app/database';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { SyncAlerts, SyncFailureReportsService } from './sync-failure-reports.service';

/** Logs a warning per firing alert rule on SYNC_ALERT_CRON, on one instance per tick (the advisory lock's winner). */
@Injectable()
export class SyncAlertsCron extends ScheduledJob<string[]> {
  constructor(reports: SyncFailureReportsService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger(SyncAlertsCron.name);
    const run = async (tx?: Tx) => {
      const warnings = describe(await reports.alerts(tx!));
      for (const warning of warnings) logger.warn(warning);
      return warnings;
    };
    super(jobs, { name: 'sync-alerts', cron: config.syncAlertCron, lock: LockKey.SyncFailureAlerts, run });
  }

  /** The warnings logged (empty when nothing fires), or undefined when another instance holds the lock. */
  check(): Promise<string[] | undefined> {
    return this.runNow();
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

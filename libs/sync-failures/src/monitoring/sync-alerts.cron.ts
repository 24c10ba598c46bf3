import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { LockKey, PrismaService } from '@app/database';
import { SyncAlerts, SyncFailureReportsService } from './sync-failure-reports.service';

/** SYNC_ALERT_CRON (validated by loadAppConfig at start-up); every five minutes by default. */
export const SYNC_ALERT_CRON = process.env.SYNC_ALERT_CRON?.trim() || '0 */5 * * * *';

/** Logs a warning per firing alert rule, on one instance per tick (the advisory lock's winner). */
@Injectable()
export class SyncAlertsCron {
  private readonly logger = new Logger(SyncAlertsCron.name);

  constructor(
    private readonly reports: SyncFailureReportsService,
    private readonly prisma: PrismaService,
  ) {}

  @Cron(SYNC_ALERT_CRON, { name: 'sync-alerts', waitForCompletion: true })
  async tick(): Promise<void> {
    try {
      await this.check();
    } catch (error) {
      this.logger.error(`Sync alert check failed: ${(error as Error).message}`);
    }
  }

  /** The warnings logged (empty when nothing fires), or undefined when another instance holds the lock. */
  async check(): Promise<string[] | undefined> {
    const { acquired, result } = await this.prisma.withTryLock(LockKey.SyncFailureAlerts, (tx) => this.reports.alerts(tx));
    if (!acquired || !result) return undefined;
    const warnings = describe(result);
    for (const warning of warnings) this.logger.warn(warning);
    return warnings;
  }
}

function describe(alerts: SyncAlerts): string[] {
  const warnings: string[] = [];
  const { failuresLastHour: hour, entityFailures: entity, averageRetries: average } = alerts;
  if (hour.firing) warnings.push(`Sync failures alert: ${hour.value} failed deliveries in the last hour (threshold ${hour.threshold})`);
  if (entity.firing) {
    const names = entity.entities.map((e) => `${e.entity_type} ${e.entity_id} (${e.failures})`).join(', ');
    warnings.push(`Sync failures alert: entities failing more than ${entity.threshold} times in 24h: ${names}`);
  }
  if (average.firing) warnings.push(`Sync failures alert: average retry count ${average.value} over the last 24h (threshold ${average.threshold})`);
  return warnings;
}

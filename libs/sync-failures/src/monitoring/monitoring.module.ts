import { Module } from '@nestjs/common';
import { FailuresModule } from '../failures';
import { SyncAlertsCron } from './sync-alerts.cron';
import { SyncCleanupCron } from './sync-cleanup.cron';
import { SyncFailureReportsRepository } from './sync-failure-reports.repository';
import { SyncFailureReportsService } from './sync-failure-reports.service';

/** Reads of sync_failures (listing, statistics, alerts) and the alert and clean-up crons. */
@Module({
  imports: [FailuresModule],
  providers: [SyncFailureReportsRepository, SyncFailureReportsService, SyncAlertsCron, SyncCleanupCron],
  exports: [SyncFailureReportsService, SyncAlertsCron, SyncCleanupCron],
})
export class MonitoringModule {}

import { Module } from '@nestjs/common';
import { SyncFailureReportsRepository } from './failures/sync-failure-reports.repository';
import { SyncFailuresRepository } from './failures/sync-failures.repository';
import { SyncFailuresService } from './failures/sync-failures.service';
import { SyncAlertsCron } from './monitoring/sync-alerts.cron';
import { SyncCleanupCron } from './monitoring/sync-cleanup.cron';
import { SyncFailureReportsService } from './monitoring/sync-failure-reports.service';
import { OutboxDispatcher } from './outbox/outbox.dispatcher';
import { OutboxModule } from './outbox/outbox.module';
import { OutboxRepository } from './outbox/outbox.repository';
import { SyncRetryCron } from './retry/sync-retry.cron';
import { SyncRetryService } from './retry/sync-retry.service';
import { SyncedRowsRepository } from './retry/synced-rows.repository';
import { Metrics } from '@app/metrics';
import { HttpSyncTarget } from './target/http-sync-target';
import { MeasuredSyncTarget } from './target/measured-sync-target';
import { SyncTarget } from './target/sync-target';

/**
 * External sync without HTTP routes (for apps/worker): the outbox dispatcher, the retry, alert and
 * clean-up crons, and the services behind them. The crons and the dispatcher run only with
 * RUN_JOBS (the dispatcher also needs EXTERNAL_SYNC_URL). Another connector than HTTP is
 * a different class for SyncTarget here.
 */
@Module({
  imports: [OutboxModule],
  providers: [
    HttpSyncTarget,
    { provide: SyncTarget, useFactory: (target: HttpSyncTarget, metrics: Metrics) => new MeasuredSyncTarget(target, metrics), inject: [HttpSyncTarget, Metrics] },
    OutboxRepository,
    OutboxDispatcher,
    SyncFailuresRepository,
    SyncFailureReportsRepository,
    SyncFailuresService,
    SyncFailureReportsService,
    SyncedRowsRepository,
    SyncRetryService,
    SyncRetryCron,
    SyncAlertsCron,
    SyncCleanupCron,
  ],
  exports: [OutboxModule, SyncTarget, OutboxDispatcher, SyncFailuresService, SyncFailureReportsService, SyncRetryService, SyncAlertsCron, SyncCleanupCron],
})
export class SyncDeliveryModule {}

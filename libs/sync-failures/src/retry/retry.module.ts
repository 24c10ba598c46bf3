import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery';
import { FailuresModule } from '../failures';
import { SyncRetryCron } from './sync-retry.cron';
import { SyncRetryService } from './sync-retry.service';
import { SyncedRowsRepository } from './synced-rows.repository';

/** Retries of failed deliveries: on SYNC_RETRY_CRON, and one at a time on an admin's request. */
@Module({
  imports: [DeliveryModule, FailuresModule],
  providers: [SyncedRowsRepository, SyncRetryService, SyncRetryCron],
  exports: [SyncRetryService, SyncRetryCron],
})
export class RetryModule {}

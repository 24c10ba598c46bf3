import { Module } from '@nestjs/common';
import { DeliveryModule } from './delivery';
import { FailuresModule } from './failures';
import { MonitoringModule } from './monitoring';
import { OutboxModule } from './outbox';
import { RetryModule } from './retry';

/**
 * External sync without HTTP routes (for apps/worker): the outbox and its dispatcher, the retries,
 * monitoring and clean-up. The crons and the dispatcher run only with RUN_JOBS (the dispatcher also
 * needs EXTERNAL_SYNC_URL). Another connector than HTTP is a different SyncTarget (target/).
 */
@Module({
  imports: [OutboxModule, RetryModule, MonitoringModule, FailuresModule, DeliveryModule],
  exports: [OutboxModule, RetryModule, MonitoringModule, FailuresModule, DeliveryModule],
})
export class SyncDeliveryModule {}

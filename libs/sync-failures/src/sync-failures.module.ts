import { Module } from '@nestjs/common';
import { SyncFailuresController } from './failures/sync-failures.controller';
import { SyncDeliveryModule } from './sync-delivery.module';

/** External sync plus its admin endpoints (/sync-failures), for apps/api. Re-exports OutboxModule for Ingest. */
@Module({
  imports: [SyncDeliveryModule],
  controllers: [SyncFailuresController],
  exports: [SyncDeliveryModule],
})
export class SyncFailuresModule {}

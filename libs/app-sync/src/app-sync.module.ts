import { Module } from '@nestjs/common';
import { ChangesModule } from '@app/changes';
import { IngestModule } from '@app/ingest';
import { CurrentRowsRepository } from './current-rows.repository';
import { RxdbPullService } from './rxdb/rxdb-pull.service';
import { RxdbPushService } from './rxdb/rxdb-push.service';
import { RxdbController } from './rxdb/rxdb.controller';
import { WatermelonPullService } from './watermelon/watermelon-pull.service';
import { WatermelonPushService } from './watermelon/watermelon-push.service';
import { WatermelonController } from './watermelon/watermelon.controller';

/**
 * WatermelonDB's and RxDB's sync protocols (docs/watermelondb-rxdb.md) on the change feed and the
 * ingest path: apps that sync with those libraries point them at resync unchanged.
 */
@Module({
  imports: [ChangesModule, IngestModule],
  controllers: [WatermelonController, RxdbController],
  providers: [CurrentRowsRepository, WatermelonPullService, WatermelonPushService, RxdbPullService, RxdbPushService],
})
export class AppSyncModule {}

import { Module } from '@nestjs/common';
import { TombstonePurgeCron } from './tombstone-purge.cron';
import { TombstonePurgeService } from './tombstone-purge.service';
import { TombstonesRepository } from './tombstones.repository';

/** Purging expired tombstones of synced tables (the cron runs only where ScheduleModule is loaded). */
@Module({
  providers: [TombstonesRepository, TombstonePurgeService, TombstonePurgeCron],
  exports: [TombstonePurgeService],
})
export class TombstonesModule {}

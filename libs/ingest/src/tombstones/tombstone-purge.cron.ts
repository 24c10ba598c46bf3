import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { TombstonePurgeService } from './tombstone-purge.service';

/**
 * Purges expired tombstones on TOMBSTONE_PURGE_CRON (daily at 03:30 by default). No job-wide lock:
 * the service takes the purge's advisory lock for each batch, so no transaction spans a whole run.
 */
@Injectable()
export class TombstonePurgeCron extends ScheduledJob<Record<string, number> | undefined> {
  constructor(purge: TombstonePurgeService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    super(jobs, { name: 'tombstone-purge', cron: config.tombstonePurgeCron, run: () => purge.purgeExpired() });
  }
}

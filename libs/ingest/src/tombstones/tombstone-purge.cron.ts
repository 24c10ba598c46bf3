import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Job, Jobs } from '@app/scheduling';
import { TombstonePurgeService } from './tombstone-purge.service';

/**
 * Purges expired tombstones on TOMBSTONE_PURGE_CRON (daily at 03:30 by default). No job-wide lock:
 * the service takes the purge's advisory lock for each batch, so no transaction spans a whole run.
 */
@Injectable()
export class TombstonePurgeCron implements OnModuleInit {
  readonly job: Job<Record<string, number> | undefined>;

  constructor(
    private readonly purge: TombstonePurgeService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = { name: 'tombstone-purge', cron: this.config.tombstonePurgeCron, run: () => this.purge.purgeExpired() };
  }

  onModuleInit(): void {
    this.jobs.schedule(this.job);
  }
}

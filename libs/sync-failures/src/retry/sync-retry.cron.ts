import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Job, Jobs } from '@app/scheduling';
import { SyncRetryService } from './sync-retry.service';

/** SYNC_RETRY_CRON on every instance: claims are disjoint, so more instances drain a backlog faster. */
@Injectable()
export class SyncRetryCron implements OnModuleInit {
  readonly job: Job;

  constructor(
    private readonly retry: SyncRetryService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = { name: 'sync-retry', cron: this.config.syncRetryCron, run: () => this.retry.retryDue() };
  }

  onModuleInit(): void {
    this.jobs.schedule(this.job);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { SyncRetryService } from './sync-retry.service';

/** SYNC_RETRY_CRON on every instance: claims are disjoint, so more instances drain a backlog faster. */
@Injectable()
export class SyncRetryCron extends ScheduledJob {
  constructor(retry: SyncRetryService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    super(jobs, { name: 'sync-retry', cron: config.syncRetryCron, run: () => retry.retryDue() });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { OperationsService } from './operations.service';

/**
 * Sweeps operations stuck in flight on STALE_OPERATION_CRON. The UPDATE is idempotent, so
 * instances running it at once simply find nothing left to change: no lock needed.
 */
@Injectable()
export class StaleOperationsCron extends ScheduledJob<number> {
  constructor(operations: OperationsService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    super(jobs, {
      name: 'stale-operations',
      cron: config.staleOperationCron,
      run: () => operations.markStaleAsError(),
    });
  }
}

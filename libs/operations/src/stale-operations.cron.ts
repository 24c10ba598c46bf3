import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Job, Jobs } from '@app/scheduling';
import { OperationsService } from './operations.service';

/**
 * Sweeps operations stuck in flight on STALE_OPERATION_CRON. The UPDATE is idempotent, so
 * instances running it at once simply find nothing left to change: no lock needed.
 */
@Injectable()
export class StaleOperationsCron implements OnModuleInit {
  readonly job: Job<number>;

  constructor(
    private readonly operations: OperationsService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = {
      name: 'stale-operations',
      cron: this.config.staleOperationCron,
      run: () => this.operations.markStaleAsError(),
    };
  }

  onModuleInit(): void {
    this.jobs.schedule(this.job);
  }
}

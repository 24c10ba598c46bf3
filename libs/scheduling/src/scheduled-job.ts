import { OnModuleInit } from '@nestjs/common';
import { Job } from './job';
import { Jobs } from './jobs.service';

/**
 * A capability's scheduled job as a provider: the subclass defines the job once (from the
 * validated config) and it is scheduled when the module initialises, in processes with
 * RUN_JOBS=true (see Jobs). `job` stays public so tests can run a tick through `Jobs.runOnce`.
 */
export abstract class ScheduledJob<T = unknown> implements OnModuleInit {
  protected constructor(
    private readonly jobs: Jobs,
    readonly job: Job<T>,
  ) {}

  onModuleInit(): void {
    this.jobs.schedule(this.job);
  }

  /** Runs one tick now: its result, or undefined when another instance holds the job's lock. */
  protected async runNow(): Promise<T | undefined> {
    return (await this.jobs.runOnce(this.job)).result;
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '@app/common';
import { PrismaService } from '@app/database';
import { Job, JobRun } from './job';

/**
 * The one place that schedules jobs: it honours RUN_JOBS, takes each job's advisory lock, never
 * overlaps two ticks of one job in a process, and logs a failed tick with its stack. Jobs are
 * registered from `onModuleInit` and start once the whole application has bootstrapped.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Jobs.name);
  private readonly running = new Map<string, Promise<void>>();
  private started = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Schedules `job` on its cron expression, in processes with RUN_JOBS=true only. */
  schedule(job: Job): void {
    if (!this.config.runJobs) return;
    const cron = CronJob.from({
      cronTime: job.cron,
      onTick: () => this.tick(job),
      start: this.started,
      name: job.name,
    });
    this.registry.addCronJob(job.name, cron);
  }

  /** Runs `job` once now, under its advisory lock if it has one. Errors reach the caller. */
  async runOnce<T>(job: Job<T>): Promise<JobRun<T>> {
    if (job.lock === undefined) return { ran: true, result: await job.run() };
    const { acquired, result } = await this.prisma.withTryLock(job.lock, (tx) => job.run(tx));
    if (acquired) return { ran: true, result };
    job.skipped?.();
    return { ran: false };
  }

  /** A scheduled tick: skipped while the previous one still runs, and never throws. */
  tick(job: Job): Promise<void> {
    const previous = this.running.get(job.name);
    if (previous) return previous;
    const run = this.runOnce(job)
      .then(
        () => undefined,
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          this.logger.error(`Job ${job.name} failed: ${failure.message}`, failure.stack);
        },
      )
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const cron of this.registry.getCronJobs().values()) cron.start();
  }

  /** Stops every schedule and waits for ticks in flight, before the pool they use closes. */
  async onModuleDestroy(): Promise<void> {
    for (const cron of this.registry.getCronJobs().values()) void cron.stop();
    await Promise.all(this.running.values());
  }
}

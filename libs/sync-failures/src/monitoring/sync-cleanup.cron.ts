import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LockKey, Tx } from '@app/database';
import { Job, Jobs } from '@app/scheduling';
import { SyncFailuresService } from '../failures';

type Cleaned = { exhausted: number; expired: number };

/** Applies the clean-up rules on SYNC_CLEANUP_CRON, on one instance per tick (the advisory lock's winner). */
@Injectable()
export class SyncCleanupCron implements OnModuleInit {
  private readonly logger = new Logger(SyncCleanupCron.name);
  readonly job: Job<Cleaned>;

  constructor(
    private readonly failures: SyncFailuresService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = {
      name: 'sync-cleanup',
      cron: this.config.syncCleanupCron,
      lock: LockKey.SyncFailureCleanup,
      run: (tx) => this.cleanupIn(tx!),
    };
  }

  onModuleInit(): void {
    this.jobs.schedule(this.job);
  }

  /** Rows deleted by each rule, or undefined when another instance holds the lock. */
  async cleanup(): Promise<Cleaned | undefined> {
    return (await this.jobs.runOnce(this.job)).result;
  }

  private async cleanupIn(tx: Tx): Promise<Cleaned> {
    const result = await this.failures.cleanup(tx);
    if (result.exhausted + result.expired > 0)
      this.logger.log(
        `Sync failure clean-up: ${result.exhausted} exhausted and ${result.expired} expired row(s) deleted`,
      );
    return result;
  }
}

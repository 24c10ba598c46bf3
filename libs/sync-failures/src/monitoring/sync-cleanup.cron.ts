import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LockKey, Tx } from '@app/database';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { SyncFailuresService } from '../failures';

type Cleaned = { exhausted: number; expired: number };

/** Applies the clean-up rules on SYNC_CLEANUP_CRON, on one instance per tick (the advisory lock's winner). */
@Injectable()
export class SyncCleanupCron extends ScheduledJob<Cleaned> {
  constructor(failures: SyncFailuresService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger(SyncCleanupCron.name);
    const run = async (tx?: Tx) => {
      const result = await failures.cleanup(tx!);
      if (result.exhausted + result.expired > 0)
        logger.log(`Sync failure clean-up: ${result.exhausted} exhausted and ${result.expired} expired row(s) deleted`);
      return result;
    };
    super(jobs, { name: 'sync-cleanup', cron: config.syncCleanupCron, lock: LockKey.SyncFailureCleanup, run });
  }

  /** Rows deleted by each rule, or undefined when another instance holds the lock. */
  cleanup(): Promise<Cleaned | undefined> {
    return this.runNow();
  }
}

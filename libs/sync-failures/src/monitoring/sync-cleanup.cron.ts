import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { LockKey, PrismaService } from '@app/database';
import { SyncFailuresService } from '../failures/sync-failures.service';

/** SYNC_CLEANUP_CRON (validated by loadAppConfig at start-up); daily at 03:00 by default. */
export const SYNC_CLEANUP_CRON = process.env.SYNC_CLEANUP_CRON?.trim() || '0 0 3 * * *';

/** Applies the clean-up rules on one instance per tick (the advisory lock's winner). */
@Injectable()
export class SyncCleanupCron {
  private readonly logger = new Logger(SyncCleanupCron.name);

  constructor(
    private readonly failures: SyncFailuresService,
    private readonly prisma: PrismaService,
  ) {}

  @Cron(SYNC_CLEANUP_CRON, { name: 'sync-cleanup', waitForCompletion: true })
  async tick(): Promise<void> {
    try {
      await this.cleanup();
    } catch (error) {
      this.logger.error(`Sync failure clean-up failed: ${(error as Error).message}`);
    }
  }

  /** Rows deleted by each rule, or undefined when another instance holds the lock. */
  async cleanup(): Promise<{ exhausted: number; expired: number } | undefined> {
    const { acquired, result } = await this.prisma.withTryLock(LockKey.SyncFailureCleanup, (tx) => this.failures.cleanup(tx));
    if (!acquired || !result) return undefined;
    if (result.exhausted + result.expired > 0) this.logger.log(`Sync failure clean-up: ${result.exhausted} exhausted and ${result.expired} expired row(s) deleted`);
    return result;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SyncRetryService } from './sync-retry.service';

/** SYNC_RETRY_CRON (validated by loadAppConfig at start-up); every minute by default. */
export const SYNC_RETRY_CRON = process.env.SYNC_RETRY_CRON?.trim() || '0 * * * * *';

/** Runs on every instance: claims are disjoint, so more instances drain a backlog faster. */
@Injectable()
export class SyncRetryCron {
  private readonly logger = new Logger(SyncRetryCron.name);

  constructor(private readonly retry: SyncRetryService) {}

  @Cron(SYNC_RETRY_CRON, { name: 'sync-retry', waitForCompletion: true })
  async tick(): Promise<void> {
    try {
      await this.retry.retryDue();
    } catch (error) {
      this.logger.error(`Sync retry failed: ${(error as Error).message}`);
    }
  }
}

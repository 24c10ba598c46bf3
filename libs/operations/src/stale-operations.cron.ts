import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { OperationsService } from './operations.service';

/** STALE_OPERATION_CRON (validated by loadAppConfig at start-up); every 30 seconds by default. */
export const STALE_OPERATION_CRON = process.env.STALE_OPERATION_CRON?.trim() || '30 * * * * *';

/**
 * Sweeps operations stuck in flight. The UPDATE is idempotent, so instances running it at once
 * simply find nothing left to change.
 */
@Injectable()
export class StaleOperationsCron {
  private readonly logger = new Logger(StaleOperationsCron.name);

  constructor(private readonly operations: OperationsService) {}

  @Cron(STALE_OPERATION_CRON, { name: 'stale-operations', waitForCompletion: true })
  async tick(): Promise<void> {
    try {
      await this.operations.markStaleAsError();
    } catch (error) {
      this.logger.error(`Stale-operation sweep failed: ${(error as Error).message}`);
    }
  }
}

import { Module } from '@nestjs/common';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { StaleOperationsCron } from './stale-operations.cron';

/** The operation log and its stale-operation sweep, without HTTP: for Ingest and apps/worker. */
@Module({
  providers: [OperationsRepository, OperationsService, StaleOperationsCron],
  exports: [OperationsService],
})
export class OperationLogModule {}

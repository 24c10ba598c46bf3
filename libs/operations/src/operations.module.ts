import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { StaleOperationsCron } from './stale-operations.cron';

/** The operation log: writes (for Ingest), history, monitoring and the stale-operation sweep. */
@Module({
  controllers: [OperationsController],
  providers: [OperationsRepository, OperationsService, StaleOperationsCron],
  exports: [OperationsService],
})
export class OperationsModule {}

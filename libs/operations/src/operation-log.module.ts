import { Module } from '@nestjs/common';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { StaleOperationsCron } from './stale-operations.cron';
import { OperationLogPartitionsCron } from './partitions/operation-log-partitions.cron';
import { OperationLogPartitionsRepository } from './partitions/operation-log-partitions.repository';
import { OperationLogPartitionsService } from './partitions/operation-log-partitions.service';

/** The operation log, its stale-operation sweep and its partitions job, without HTTP: for Ingest and apps/worker. */
@Module({
  providers: [
    OperationsRepository,
    OperationsService,
    StaleOperationsCron,
    OperationLogPartitionsRepository,
    OperationLogPartitionsService,
    OperationLogPartitionsCron,
  ],
  exports: [OperationsService, OperationLogPartitionsService, OperationLogPartitionsCron],
})
export class OperationLogModule {}

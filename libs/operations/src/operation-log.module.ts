import { Module } from '@nestjs/common';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { StaleOperationsCron } from './stale-operations.cron';
import { OperationLogPartitionsCron } from './partitions/operation-log-partitions.cron';
import { OperationLogPartitionsRepository } from './partitions/operation-log-partitions.repository';
import { OperationLogPartitionsService } from './partitions/operation-log-partitions.service';
import { OperationLogCompactionCron } from './partitions/operation-log-compaction.cron';
import { OperationLogCompactionService } from './partitions/operation-log-compaction.service';
import { OperationLogRetentionCron } from './partitions/operation-log-retention.cron';
import { OperationLogRetentionRepository } from './partitions/operation-log-retention.repository';
import { OperationLogRetentionService } from './partitions/operation-log-retention.service';

/** The operation log, its stale-operation sweep and its partitions and retention jobs, without HTTP: for Ingest and apps/worker. */
@Module({
  providers: [
    OperationsRepository,
    OperationsService,
    StaleOperationsCron,
    OperationLogPartitionsRepository,
    OperationLogPartitionsService,
    OperationLogPartitionsCron,
    OperationLogRetentionRepository,
    OperationLogRetentionService,
    OperationLogRetentionCron,
    OperationLogCompactionService,
    OperationLogCompactionCron,
  ],
  exports: [
    OperationLogCompactionService,
    OperationsService,
    OperationLogPartitionsService,
    OperationLogPartitionsCron,
    OperationLogRetentionService,
    OperationLogRetentionCron,
  ],
})
export class OperationLogModule {}

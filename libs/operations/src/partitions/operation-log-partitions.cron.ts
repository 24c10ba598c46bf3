import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LockKey } from '@app/database';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { OperationLogPartitionsService, PartitionsRun } from './operation-log-partitions.service';

/** The operation log's partitions job on OPERATION_LOG_CRON (every 10 minutes), one instance per tick. */
@Injectable()
export class OperationLogPartitionsCron extends ScheduledJob<PartitionsRun> {
  constructor(partitions: OperationLogPartitionsService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    super(jobs, {
      name: 'operation-log-partitions',
      cron: config.operationLogCron,
      lock: LockKey.OperationLogPartitions,
      run: (tx) => partitions.maintain(tx!),
    });
  }
}

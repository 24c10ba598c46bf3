import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { CompactionRun, OperationLogCompactionService } from './operation-log-compaction.service';

/** Compaction of closed partitions on OPERATION_LOG_CRON; the service locks each partition's rewrite. */
@Injectable()
export class OperationLogCompactionCron extends ScheduledJob<CompactionRun | undefined> {
  constructor(compaction: OperationLogCompactionService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    super(jobs, {
      name: 'operation-log-compaction',
      cron: config.operationLogCron,
      run: () => compaction.compactClosed(),
    });
  }
}

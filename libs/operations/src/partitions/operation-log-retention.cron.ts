import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Jobs, ScheduledJob } from '@app/scheduling';
import { OperationLogRetentionService, RetentionRun } from './operation-log-retention.service';

/**
 * Operation log retention on OPERATION_LOG_CRON, beside the partitions job. No job-wide lock: the
 * service takes retention's advisory lock for each step, so no transaction spans a whole run.
 */
@Injectable()
export class OperationLogRetentionCron extends ScheduledJob<RetentionRun | undefined> {
  constructor(retention: OperationLogRetentionService, jobs: Jobs, @Inject(APP_CONFIG) config: AppConfig) {
    super(jobs, {
      name: 'operation-log-retention',
      cron: config.operationLogCron,
      run: () => retention.retireExpired(),
    });
  }
}

export * from './monitoring.module';
export * from './sync-alerts.cron';
export * from './sync-cleanup.cron';
export * from './sync-failure-reports.service';
export * from './sync-monitoring.dto';

export * from './retry.module';
export * from './sync-retry.cron';
export * from './sync-retry.service';

export * from './operations.module';
export * from './operation-log.module';
export * from './operations.service';
export * from './operation-notes';
export * from './job-operations';
export type { OperationLogEntry } from './operations.repository';
export * from './partitions/operation-log-partitions.service';
export * from './partitions/operation-log-partitions.cron';
export { PARTITION_IDS } from './partitions/operation-log-partitions.repository';

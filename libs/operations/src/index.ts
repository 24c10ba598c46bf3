export * from './operations.module';
export * from './operation-log.module';
export * from './operations.service';
export * from './operation-notes';
export type { OperationLogEntry } from './operations.repository';

export * from './legacy-protocol.module';
export * from './batch-queue';
export { LegacyCode } from './legacy-errors';

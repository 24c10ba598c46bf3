export * from './outbox';
export * from './sync-delivery.module';
export * from './sync-failures.module';
export * from './target';
export { SyncFailuresService, FailedDelivery } from './failures';
export * from './monitoring';
export * from './retry';

export * from './delivery-round';
export * from './delivery.module';
export * from './backoff';

export * from './outbox/outbox.module';
export * from './outbox/outbox.writer';

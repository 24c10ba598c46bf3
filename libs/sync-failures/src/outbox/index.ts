export * from './outbox.dispatcher';
export * from './outbox.module';
export * from './outbox.writer';
export * from './outbox.repository';

export * from './sync-target';
export * from './sync-message';
export * from './target.module';
export { OVERSIZED_BATCH_ANSWER } from './answer-body';

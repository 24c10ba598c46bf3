export * from './sync-target';
export * from './sync-message';
export * from './target.module';

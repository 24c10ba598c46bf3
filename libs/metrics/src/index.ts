export * from './metrics';
export * from './metrics.module';
export * from './metrics.server';
export * from './database-gauges.module';
export * from './database-gauges.job';

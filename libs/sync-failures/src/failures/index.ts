export * from './failed-delivery';
export * from './failures.module';
export * from './sync-failure.sql';
export * from './sync-failures.service';

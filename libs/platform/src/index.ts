export * from './bootstrap';
export * from './http-setup';
export * from './json-body';
export * from './platform.module';
export * from './logging.module';

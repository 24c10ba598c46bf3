export * from './test-database';
export * from './test-config';
export * from './test-app';
export * from './factories';
export * from './record-queries';
export * from './test-instances';
export * from './written-counts';
export * from './query-plans';

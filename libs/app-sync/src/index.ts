export * from './app-sync.module';

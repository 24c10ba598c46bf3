export * from './ingest.module';
export * from './ingest.service';
export * from './change';

export * from './ingest.module';
export * from './ingest.service';
export * from './change';
export * from './tombstones/tombstones.module';
export * from './tombstones/tombstone-purge.service';

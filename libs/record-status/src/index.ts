export * from './record-status.module';
export * from './record-status.service';

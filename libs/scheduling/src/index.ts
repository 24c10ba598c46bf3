export * from './job';
export * from './jobs.service';
export * from './scheduling.module';
export * from './work-loop';
export * from './scheduled-job';

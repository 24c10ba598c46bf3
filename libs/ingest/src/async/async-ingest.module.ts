import { Module } from '@nestjs/common';
import { OperationLogModule } from '@app/operations';
import { OutboxModule } from '@app/sync-failures';
import { IngestRepository } from '../ingest.repository';
import { AsyncIngestRepository } from './async-ingest.repository';
import { AsyncIngestService } from './async-ingest.service';
import { AsyncQueueRepository } from './async-queue.repository';
import { QueueBell } from './queue-bell';
import { AsyncIngestWorker } from './async-ingest.worker';
import { JobProgressService } from './job-progress.service';
import { QueueHead } from './queue-head';

/**
 * Asynchronous ingest without HTTP: accepting (AsyncIngestService.enqueue), the workers (in every
 * process with RUN_JOBS=true, apps/api and apps/worker alike) and job progress.
 */
@Module({
  imports: [OperationLogModule, OutboxModule],
  providers: [
    IngestRepository,
    AsyncIngestRepository,
    AsyncQueueRepository,
    QueueBell,
    AsyncIngestService,
    QueueHead,
    AsyncIngestWorker,
    JobProgressService,
  ],
  exports: [AsyncIngestService, AsyncIngestWorker, JobProgressService],
})
export class AsyncIngestModule {}

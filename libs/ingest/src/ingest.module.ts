import { Module } from '@nestjs/common';
import { OperationLogModule } from '@app/operations';
import { OutboxModule } from '@app/sync-failures';
import { AsyncIngestModule } from './async/async-ingest.module';
import { JobProgressController } from './async/job-progress.controller';
import { IngestController } from './ingest.controller';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';
import { TransactionalIngest } from './transactional-ingest.service';
import { TombstonesModule } from './tombstones/tombstones.module';

@Module({
  imports: [OperationLogModule, OutboxModule, TombstonesModule, AsyncIngestModule],
  controllers: [IngestController, JobProgressController],
  providers: [IngestRepository, IngestService, TransactionalIngest],
  exports: [IngestService, TransactionalIngest, AsyncIngestModule],
})
export class IngestModule {}

import { Module } from '@nestjs/common';
import { OperationLogModule } from '@app/operations';
import { OutboxModule } from '@app/sync-failures';
import { AsyncIngestModule } from './async/async-ingest.module';
import { JobProgressController } from './async/job-progress.controller';
import { IngestController } from './ingest.controller';
import { SharedTablesController } from './shared-tables.controller';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';
import { TransactionalIngest } from './transactional-ingest.service';
import { TombstonesModule } from './tombstones/tombstones.module';
import { ConflictsRepository } from './conflicts/conflicts.repository';
import { ConflictsService } from './conflicts/conflicts.service';

@Module({
  imports: [OperationLogModule, OutboxModule, TombstonesModule, AsyncIngestModule],
  controllers: [IngestController, SharedTablesController, JobProgressController],
  providers: [IngestRepository, IngestService, TransactionalIngest, ConflictsRepository, ConflictsService],
  exports: [IngestService, TransactionalIngest, AsyncIngestModule],
})
export class IngestModule {}

import { Module } from '@nestjs/common';
import { OperationLogModule } from '@app/operations';
import { OutboxModule } from '@app/sync-failures';
import { IngestController } from './ingest.controller';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';
import { TombstonesModule } from './tombstones/tombstones.module';

@Module({
  imports: [OperationLogModule, OutboxModule, TombstonesModule],
  controllers: [IngestController],
  providers: [IngestRepository, IngestService],
  exports: [IngestService],
})
export class IngestModule {}

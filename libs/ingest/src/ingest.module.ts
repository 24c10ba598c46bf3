import { Module } from '@nestjs/common';
import { OperationsModule } from '@app/operations';
import { OutboxModule } from '@app/sync-failures';
import { IngestController } from './ingest.controller';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';

@Module({
  imports: [OperationsModule, OutboxModule],
  controllers: [IngestController],
  providers: [IngestRepository, IngestService],
  exports: [IngestService],
})
export class IngestModule {}

import { Module } from '@nestjs/common';
import { RecordStatusController } from './record-status.controller';
import { RecordStatusRepository } from './record-status.repository';
import { RecordStatusService } from './record-status.service';

@Module({
  controllers: [RecordStatusController],
  providers: [RecordStatusRepository, RecordStatusService],
  exports: [RecordStatusService],
})
export class RecordStatusModule {}

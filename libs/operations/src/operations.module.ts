import { Module } from '@nestjs/common';
import { OperationLogModule } from './operation-log.module';
import { OperationsController } from './operations.controller';
import { HistoryRestoreController } from './history-restore.controller';
import { HistoryRestoreRepository } from './history-restore.repository';

/** The operation log plus its HTTP surface: history, missing-operation monitoring and its repair. */
@Module({
  imports: [OperationLogModule],
  controllers: [OperationsController, HistoryRestoreController],
  providers: [HistoryRestoreRepository],
  exports: [OperationLogModule],
})
export class OperationsModule {}

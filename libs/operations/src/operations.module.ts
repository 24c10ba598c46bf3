import { Module } from '@nestjs/common';
import { OperationLogModule } from './operation-log.module';
import { OperationsController } from './operations.controller';

/** The operation log plus its HTTP surface: history and missing-operation monitoring. */
@Module({
  imports: [OperationLogModule],
  controllers: [OperationsController],
  exports: [OperationLogModule],
})
export class OperationsModule {}

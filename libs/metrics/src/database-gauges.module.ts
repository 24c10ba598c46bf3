import { Module } from '@nestjs/common';
import { OperationLogModule } from '@app/operations';
import { DatabaseGaugesJob } from './database-gauges.job';
import { DatabaseGaugesRepository } from './database-gauges.repository';

/** The scheduled database gauges; imported by the apps that run jobs (api and worker). */
@Module({
  imports: [OperationLogModule],
  providers: [DatabaseGaugesRepository, DatabaseGaugesJob],
  exports: [DatabaseGaugesJob],
})
export class DatabaseGaugesModule {}

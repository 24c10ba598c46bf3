import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { AsyncIngestModule, TombstonesModule } from '@app/ingest';
import { OperationLogModule } from '@app/operations';
import { DatabaseGaugesModule } from '@app/metrics';
import { PlatformModule } from '@app/platform';
import { SyncDeliveryModule } from '@app/sync-failures';

/**
 * The scale-out worker: crons, the outbox dispatcher and the asynchronous ingest workers, no API
 * routes of its own beyond /health (which the orchestrator probes). Like apps/api it only composes
 * libraries.
 */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config),
        DatabaseGaugesModule,
        OperationLogModule,
        SyncDeliveryModule,
        TombstonesModule,
        AsyncIngestModule,
      ],
    };
  }
}

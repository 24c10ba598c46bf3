import { DynamicModule, Module } from '@nestjs/common';
import { AppSyncModule } from '@app/app-sync';
import { ChangesModule } from '@app/changes';
import { AppConfig } from '@app/common';
import { CredentialsModule } from '@app/credentials';
import { IngestModule } from '@app/ingest';
import { LegacyProtocolModule } from '@app/legacy-protocol';
import { OperationsModule } from '@app/operations';
import { DatabaseGaugesModule } from '@app/metrics';
import { PlatformModule } from '@app/platform';
import { RecordStatusModule } from '@app/record-status';
import { SyncFailuresModule } from '@app/sync-failures';

/**
 * The HTTP API: composes the capability libraries, holds no logic of its own. With RUN_JOBS=true
 * (the default) it also runs the crons, so one process is a complete system; scaled out, API
 * instances set RUN_JOBS=false and apps/worker runs them.
 */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config),
        CredentialsModule,
        DatabaseGaugesModule,
        IngestModule,
        RecordStatusModule,
        ChangesModule,
        AppSyncModule,
        OperationsModule,
        SyncFailuresModule,
        LegacyProtocolModule.register(config),
      ],
    };
  }
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, AuthModule, Clock, SystemClock } from '@app/common';
import { DatabaseModule } from '@app/database';
import { MetricsModule } from '@app/metrics';
import { SchedulingModule } from '@app/scheduling';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging.module';

/** What every app needs: the validated config, logs, one Prisma client, job scheduling, auth, a clock and /health. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        SchedulingModule,
        MetricsModule.forRoot(config),
        AuthModule,
        HealthModule,
      ],
      providers: [{ provide: Clock, useClass: SystemClock }],
      exports: [Clock],
    };
  }
}

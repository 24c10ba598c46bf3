import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '@app/common';
import { HttpMetricsInterceptor } from './http-metrics.interceptor';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics.server';
import { PoolMetrics } from './pool-metrics';

/**
 * The `Metrics` recorder for every module, and where /metrics is served: on the API port behind a
 * token, or on METRICS_PORT. With METRICS_ENABLED=false only the no-op recorder remains.
 */
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const on = config.metricsEnabled;
    const providers: Provider[] = [Metrics];
    if (on) providers.push(PoolMetrics, { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor });
    if (on && config.metricsPort !== undefined) providers.push(MetricsServer);
    return {
      module: MetricsModule,
      global: true,
      providers,
      controllers: on && config.metricsPort === undefined ? [MetricsController] : [],
      exports: [Metrics],
    };
  }
}

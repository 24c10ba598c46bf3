import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AppConfig, HTTP_OBSERVER } from '@app/common';
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
    // Every HTTP answer is timed by the platform's onResponse hook (configureHttp), which finds the
    // recorder here. Registered even when metrics are off (the recorder is then a no-op): a built
    // app whose observer was missing exited at start-up, since NestFactory's app aborts the process
    // on a failed lookup instead of throwing.
    const providers: Provider[] = [Metrics, { provide: HTTP_OBSERVER, useExisting: Metrics }];
    if (on) providers.push(PoolMetrics);
    if (on && config.metricsPort !== undefined) providers.push(MetricsServer);
    return {
      module: MetricsModule,
      global: true,
      providers,
      controllers: on && config.metricsPort === undefined ? [MetricsController] : [],
      exports: [Metrics, HTTP_OBSERVER],
    };
  }
}

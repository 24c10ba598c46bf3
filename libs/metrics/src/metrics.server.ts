import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { createServer, Server } from 'node:http';
import { acceptsBearer, tokenDigests } from './metrics-token.guard';
import { Metrics } from './metrics';

/**
 * GET /metrics on its own port (METRICS_PORT), a plain node:http server beside the API's, for a
 * network only Prometheus reaches. METRICS_TOKEN, when set, is required there too.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const accepted = tokenDigests([this.config.metricsToken]);
    this.server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') return void response.writeHead(404).end();
      if (accepted.length > 0 && !acceptsBearer(request.headers.authorization, accepted))
        return void response.writeHead(401).end();
      this.metrics.text().then(
        (text) => response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((listening, fail) =>
      this.server!.once('error', fail).listen(this.config.metricsPort, this.config.host, listening),
    );
    this.logger.log(`Metrics on http://${this.config.host}:${this.address()}/metrics`);
  }

  /** The port actually bound (METRICS_PORT, or the one the OS chose for 0). */
  address(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise<void>((closed) => (this.server ? this.server.close(() => closed()) : closed()));
  }
}

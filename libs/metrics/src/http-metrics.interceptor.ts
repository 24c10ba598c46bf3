import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Observable } from 'rxjs';
import { Metrics } from './metrics';

/**
 * Request latency by method, route pattern and final status code. The route is the controller's
 * and handler's declared path (`/tables/:table/batch`), never the URL, so ids cannot become
 * labels; it works the same on Express and Fastify since it reads only Nest's metadata and the
 * underlying node response. Requests refused before any handler (auth guards, unknown routes,
 * body limits) are not timed here.
 */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  private readonly routes = new WeakMap<object, string>();

  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const started = performance.now();
    const http = context.switchToHttp();
    const method = String((http.getRequest<{ method?: string }>().method ?? 'GET').toUpperCase());
    const reply = http.getResponse<ServerResponse | { raw: ServerResponse }>();
    const raw = 'raw' in reply ? reply.raw : reply; // Fastify's reply wraps the node response
    const route = this.routeOf(context);
    raw.once('finish', () =>
      this.metrics.httpRequest(method, route, raw.statusCode, (performance.now() - started) / 1000),
    );
    return next.handle();
  }

  private routeOf(context: ExecutionContext): string {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      const first = (path: unknown) => (Array.isArray(path) ? String(path[0] ?? '') : String(path ?? ''));
      const parts = [
        first(Reflect.getMetadata(PATH_METADATA, context.getClass())),
        first(Reflect.getMetadata(PATH_METADATA, handler)),
      ];
      route = `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
      this.routes.set(handler, route);
    }
    return route;
  }
}

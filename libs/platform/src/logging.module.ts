import { Module, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';

/**
 * Nest's start-up chatter (a line per module and per route, 50 lines and more) is logged at debug,
 * so at the default level the start-up ends with what a person needs: where the API listens and,
 * in development, the credentials block printed after it. LOG_LEVEL=debug shows it all again.
 */
const STARTUP_CHATTER = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);
const INFO = 30;

/** Structured JSON logs with the request id; credentials are redacted wherever they could appear. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Nest 12's wildcard syntax (nestjs-pino 4's default '*' draws a legacy-route warning).
        forRoutes: [{ path: '{/*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          hooks: {
            logMethod(this: PinoLogger, args: unknown[], method: (...args: unknown[]) => void, level: number) {
              const context = (args[0] as { context?: unknown } | undefined)?.context;
              if (level === INFO && typeof context === 'string' && STARTUP_CHATTER.has(context)) {
                return (this.debug as (...args: unknown[]) => void)(...args);
              }
              return method.apply(this, args);
            },
          },
          genReqId: (request) => (request as { id?: string }).id ?? 'unknown',
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
            censor: '[redacted]',
          },
          // A 503 is an outage, not a bug: one warning per request, its reason in `err`.
          customLogLevel: (_request, response, error) =>
            response.statusCode === 503
              ? 'warn'
              : error || response.statusCode >= 500
                ? 'error'
                : response.statusCode >= 400
                  ? 'warn'
                  : 'info',
          autoLogging: { ignore: (request) => request.url === '/health' },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

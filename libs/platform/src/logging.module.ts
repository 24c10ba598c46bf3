import { Module, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LoggerModule } from 'nestjs-pino';

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

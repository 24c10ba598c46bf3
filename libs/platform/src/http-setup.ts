import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ADMIN_AUTH, AllExceptionsFilter, AppConfig, CLIENT_AUTH, expressErrorHandler } from '@app/common';
import { json, NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Everything HTTP that is the same for every app: request ids, the JSON body parser with its size
 * limit, validation, the error filter and Swagger. Nest's own body parser is off (see bootstrap)
 * so that parse and size errors get the same JSON error shape as everything else.
 */
export function configureHttp(app: NestExpressApplication, config: AppConfig, options: { swagger: boolean }): void {
  app.set('trust proxy', true);
  app.disable('x-powered-by');
  enableCors(app, config);
  applyTimeouts(app, config);
  app.use((request: Request & { id?: string }, response: Response, next: NextFunction) => {
    const given = request.headers['x-request-id'];
    request.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader('X-Request-Id', request.id);
    next();
  });
  app.use(json({ limit: config.bodyLimitBytes, strict: true }));
  app.use(expressErrorHandler());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }));
  app.useGlobalFilters(new AllExceptionsFilter());
  if (options.swagger) setupSwagger(app);
}

/** Node's defaults would hold a slow-body client for 5 minutes and slow headers for a minute. */
function applyTimeouts(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpServer() as import('node:http').Server;
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = config.headersTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
}

/** Headers a browser client may send (Prefer: the client's answer preferences). */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Prefer', 'X-Request-Id'];

/**
 * Browsers may call the API only from CORS_ORIGINS (none by default: no CORS headers at all).
 * Preflights are answered before authentication and cached for CORS_MAX_AGE.
 */
function enableCors(app: INestApplication, config: AppConfig): void {
  if (config.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ['X-Request-Id'],
    maxAge: config.corsMaxAgeSeconds,
    credentials: false,
  });
}

export function setupSwagger(app: INestApplication): void {
  const document = new DocumentBuilder()
    .setTitle('resync')
    .setDescription(
      'Offline-first sync backend. Clients push CREATE/UPDATE/DELETE of their records, every operation is logged, ' +
        'and a status query tells each client what became of each record. Authorize with your client key ' +
        '(`client-key`) for the record endpoints and with the admin token (`admin-token`) for monitoring and sync failures.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A client key from API_KEYS (clientId:key): the key decides the client id' }, CLIENT_AUTH)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, ADMIN_AUTH)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}

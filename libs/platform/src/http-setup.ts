import { INestApplication, ValidationPipe } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ADMIN_AUTH,
  AllExceptionsFilter,
  AppConfig,
  CLIENT_AUTH,
  HTTP_OBSERVER,
  HttpObserver,
  toErrorResponse,
  UNMATCHED_ROUTE,
} from '@app/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { answerClientError } from './client-error';
import { parseJsonBody } from './json-body';
import { completeDocument } from './openapi-completion';
import { answerRefusedBodiesReadably } from './refused-body';

/** The servers being closed (see closeGracefully). */
const closing = new WeakSet<object>();

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's well-formed X-Request-Id, or a fresh UUID; kept on the raw request for the logs too. */
function requestIdOf(raw: IncomingMessage & { id?: string }): string {
  const given = raw.headers['x-request-id'];
  raw.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  return raw.id;
}

/**
 * The Fastify server every app runs on: proxies trusted, ids up to 255 characters in the path
 * (find-my-way's default is 100), `/items/` routed like `/items` as Express did, the body limit,
 * and the timeouts from config (Node's defaults hold a slow-body client for 5 minutes; its
 * timeout checks run every second instead of every 30 s so a slow client is cut off in time).
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: true,
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // The router refuses a malformed URL (400) or an over-long parameter (414) before any hook:
    // answer in the one error shape too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const { body } = toErrorResponse(error);
      void reply
        .code(body.statusCode)
        .header('X-Request-Id', request.id)
        .send({ ...body, requestId: request.id });
    },
    // What Node's parser refuses (400, 408, 431) is answered in the same shape.
    clientErrorHandler: answerClientError,
    routerOptions: { maxParamLength: 3 * 4 * 255, ignoreTrailingSlash: true },
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1000 },
  } as ConstructorParameters<typeof FastifyAdapter>[0]) as FastifyAdapter;
}

/**
 * Everything HTTP that is the same for every app: request ids, the JSON body parser with its size
 * limit, CORS, validation, the error filter and Swagger. Nest's own body parser is off (see
 * bootstrap) so that every body goes through parseJsonBody and its errors get the one JSON shape.
 */
export function configureHttp(app: NestFastifyApplication, config: AppConfig, options: { swagger: boolean }): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // While closing, a connection whose request finishes is closed with it rather than kept alive.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing.has(fastify)) reply.header('Connection', 'close');
    done(null, payload);
  });
  // Before any route is registered (Nest registers them in init): the one route with a larger limit.
  fastify.addHook('onRoute', (route) => {
    if (route.method === 'POST' && route.url === WATERMELON_PUSH_URL) route.bodyLimit = config.watermelonBodyLimitBytes;
  });
  answerRefusedBodiesReadably(fastify, config.bodyLimitBytes);
  observeResponses(app);
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: config.bodyLimitBytes },
    (request, body, done) => {
      // Fastify read at most the route's limit (a route's own bodyLimit wins over the parser's);
      // an inflated body gets the same limit.
      parseJsonBody(body as Buffer, {
        limitBytes: request.routeOptions.bodyLimit ?? config.bodyLimitBytes,
        encoding: request.headers['content-encoding'],
        contentType: request.headers['content-type'],
      }).then(
        (parsed) => done(null, parsed),
        (error: Error) => done(error, undefined),
      );
    },
  );
  enableCors(app, config);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.useGlobalFilters(new AllExceptionsFilter(app.getHttpAdapter(), { bodyLimitBytes: config.bodyLimitBytes }));
  if (options.swagger) setupSwagger(app, { bodyLimitBytes: config.bodyLimitBytes });
}

/**
 * Tells the HTTP_OBSERVER (if the app has one) of every answer, from Fastify's onResponse hook:
 * it runs for answers a guard (401), the router (404) or the body parser (413, 415) gave as for
 * any other, which an interceptor would never see. The route is Fastify's matched pattern, or
 * UNMATCHED_ROUTE, so an unknown URL cannot make a new label value.
 */
function observeResponses(app: NestFastifyApplication): void {
  let observer: HttpObserver;
  try {
    observer = app.get<HttpObserver>(HTTP_OBSERVER, { strict: false });
  } catch {
    // A module without MetricsModule (some tests). A NestFactory app exits on a failed lookup
    // instead of throwing, which is why MetricsModule registers an observer even with metrics off.
    return;
  }
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      observer.httpRequest(
        request.method,
        request.routeOptions.url ?? UNMATCHED_ROUTE,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
}

/**
 * Closes an app so that requests in flight still finish: the server stops accepting and drains
 * first, then Nest's shutdown hooks close the database pool. (Nest's app.close() alone runs the
 * hooks first, and requests in flight would meet a closed pool.)
 */
export async function closeGracefully(app: INestApplication): Promise<void> {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  closing.add(fastify);
  await fastify.close();
  await app.close();
}

/** Headers a browser client may send (Prefer: the client's answer preferences; X-Device-Id: its device). */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Prefer', 'X-Request-Id', 'X-Device-Id'];

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

/** Request shapes documented by DTO classes: the validation refuses their unknown properties. */
const REQUEST_SCHEMAS = ['StatusQueryDto', 'StatusBatchRequestDto', 'BatchRequestDto'];

export function setupSwagger(app: INestApplication, options: { bodyLimitBytes?: number } = {}): void {
  const document = new DocumentBuilder()
    .setTitle('resync')
    .setDescription(
      'Offline-first sync backend. Clients push CREATE/UPDATE/DELETE of their records, every operation is logged, ' +
        'and a status query tells each client what became of each record. Authorize with your client key ' +
        '(`client-key`) for the record endpoints and with the admin token (`admin-token`) for monitoring and sync failures.',
    )
    .setVersion('1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'A client key from API_KEYS (clientId:key): the key decides the client id',
      },
      CLIENT_AUTH,
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, ADMIN_AUTH)
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () => completeDocument(SwaggerModule.createDocument(app, document), REQUEST_SCHEMAS, options),
    {
      jsonDocumentUrl: 'docs-json',
      swaggerOptions: { persistAuthorization: true },
    },
  );
}

/**
 * The one route with a body limit of its own, WATERMELON_BODY_LIMIT_BYTES: WatermelonDB's push
 * sends a whole offline backlog in one request and never splits it. Every other route keeps
 * BODY_LIMIT_BYTES, read no further.
 */
const WATERMELON_PUSH_URL = '/watermelon/sync';

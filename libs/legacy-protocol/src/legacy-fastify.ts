import { UnsupportedMediaTypeException } from '@nestjs/common';
import { codeForStatus } from './legacy-errors';
import { NDJSON_TYPES } from './text-body';

/** The little of Fastify used here (the app may run on Express too, where none of this applies). */
interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    types: string[],
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (request: RouteRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  addHook(
    name: 'preSerialization',
    hook: (
      request: RouteRequest,
      reply: unknown,
      payload: unknown,
      done: (error: Error | null, payload?: unknown) => void,
    ) => void,
  ): void;
}

interface RouteRequest {
  /** No route matched: the answer is 404 whatever the body. */
  is404?: boolean;
  routeOptions?: { url?: string };
}

/**
 * On Fastify: NDJSON bodies (text/plain) are read as bytes for the protocol's routes only (elsewhere
 * they stay 415, as before), and errors raised before a protocol handler runs (malformed JSON, a
 * body over the limit, an unsupported content type) are answered in the protocol's envelope.
 */
export function installOnFastify(fastify: FastifyLike, prefix: string, bodyLimitBytes: number): void {
  const ours = (request: RouteRequest) => (request.routeOptions?.url ?? '').startsWith(`${prefix}/`);
  const types = NDJSON_TYPES.filter((type) => !fastify.hasContentTypeParser(type));
  if (types.length > 0) {
    fastify.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: bodyLimitBytes }, (request, body, done) => {
      if (ours(request) || request.is404) done(null, body);
      else done(new UnsupportedMediaTypeException('Unsupported Content-Type: send application/json'));
    });
  }
  fastify.addHook('preSerialization', (request, _reply, payload, done) => {
    if (!ours(request) || !isPlatformError(payload)) return done(null, payload);
    const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message);
    done(null, {
      status: 'error',
      msg: message,
      status_id: codeForStatus(payload.statusCode),
      status_code: payload.statusCode,
    });
  });
}

/** The app's own error shape `{statusCode, error, message}` (never a protocol answer). */
function isPlatformError(payload: unknown): payload is { statusCode: number; message: unknown } {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof (payload as { statusCode?: unknown }).statusCode === 'number' &&
    'error' in payload &&
    'message' in payload
  );
}

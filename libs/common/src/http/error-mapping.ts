import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
// The file, not @app/database's index: libs/database itself imports this library's config.
import { isDatabaseUnavailable } from '@app/database/database-errors';
import { ErrorResponseDto } from './error-response.dto';

/** @nestjs/terminus answers a failed check with { status: 'error', error: { <check>: { message } } }. */
function healthCheckFailures(response: unknown): Record<string, string> | undefined {
  const body = response as { status?: unknown; error?: Record<string, { message?: unknown }> } | undefined;
  if (body?.status !== 'error' || typeof body.error !== 'object' || body.error === null) return undefined;
  return Object.fromEntries(Object.entries(body.error).map(([key, value]) => [key, String(value?.message ?? 'down')]));
}

/**
 * Errors Fastify raises itself before a request reaches Nest (reading the body, routing). Their
 * 4xx status and message are safe to show; the body-size one gets the API's own wording.
 */
function fastifyStatus(
  error: Record<string, unknown>,
  context: ErrorContext,
): { status: number; message: string } | undefined {
  const code = error.code;
  const status = error.statusCode;
  if (
    typeof code !== 'string' ||
    !code.startsWith('FST_') ||
    typeof status !== 'number' ||
    status < 400 ||
    status > 499
  )
    return undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        message: `Request body is larger than the limit of ${context.bodyLimitBytes ?? 'the configured'} bytes`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'Unsupported Content-Type: send application/json' };
    default:
      return { status, message: String(error.message) };
  }
}

/** What the mapping needs to know of the app. */
export interface ErrorContext {
  bodyLimitBytes?: number;
}

export interface MappedError {
  body: ErrorResponseDto;
  /** A bug: log it as an error. */
  internal: boolean;
  /** Why, for the log only (never sent): the failed health checks' own messages. */
  logReason?: string;
}

export function toErrorResponse(error: unknown, context: ErrorContext = {}): MappedError {
  const make = (statusCode: number, message: string, details?: string[], code?: string) => ({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details && details.length > 0 ? { details } : {}),
    ...(code ? { code } : {}),
  });

  // Nest hands Fastify's own 4xx errors over wrapped in an HttpException, the original as `cause`.
  const original = error instanceof HttpException && error.cause ? error.cause : error;
  if (original && typeof original === 'object') {
    const parsed = fastifyStatus(original as Record<string, unknown>, context);
    if (parsed) return { body: make(parsed.status, parsed.message), internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const failedChecks = healthCheckFailures(response);
    if (failedChecks) {
      // Clients (and /health is unauthenticated) learn which dependency is down, never why:
      // a driver's message names hosts and ports. The reasons go to the log only.
      const names = Object.keys(failedChecks);
      return {
        body: make(
          status,
          `Health check failed: ${names.join(', ')}`,
          names.map((name) => `${name}: down`),
        ),
        internal: false,
        logReason: Object.entries(failedChecks)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
      };
    }
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const details = Array.isArray(raw) ? raw.map(String) : undefined;
    const message = details ? details.join('; ') : String(raw ?? error.message);
    const code = typeof response === 'object' ? (response as { code?: unknown }).code : undefined;
    return {
      body: make(status, message, details, typeof code === 'string' ? code : undefined),
      internal: status === 500,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      body: make(HttpStatus.SERVICE_UNAVAILABLE, 'Database unavailable, please retry shortly'),
      internal: false,
    };
  }
  return { body: make(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error'), internal: true };
}

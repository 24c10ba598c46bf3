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

/** Errors raised by body-parser before a request reaches Nest. */
function bodyParserStatus(error: Record<string, unknown>): { status: number; message: string } | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'Malformed JSON in request body' };
    case 'entity.too.large':
      return { status: 413, message: `Request body is larger than the limit of ${error.limit} bytes` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: String(error.message) };
    case 'request.aborted':
      return { status: 400, message: 'Request aborted by the client' };
    default:
      return undefined;
  }
}

/**
 * Maps any error to the API's one JSON error shape. Known failures get their status; anything
 * else is a 500 (a bug) and `internal` is true so the caller logs it.
 */
export function toErrorResponse(error: unknown): { body: ErrorResponseDto; internal: boolean } {
  const make = (statusCode: number, message: string, details?: string[]) => ({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details && details.length > 0 ? { details } : {}),
  });

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const failedChecks = healthCheckFailures(response);
    if (failedChecks) return { body: make(status, `Health check failed: ${Object.keys(failedChecks).join(', ')}`, Object.entries(failedChecks).map(([k, v]) => `${k}: ${v}`)), internal: false };
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const details = Array.isArray(raw) ? raw.map(String) : undefined;
    const message = details ? details.join('; ') : String(raw ?? error.message);
    return { body: make(status, message, details), internal: status === 500 };
  }
  if (error && typeof error === 'object') {
    const parsed = bodyParserStatus(error as Record<string, unknown>);
    if (parsed) return { body: make(parsed.status, parsed.message), internal: false };
  }
  if (isDatabaseUnavailable(error)) {
    return { body: make(HttpStatus.SERVICE_UNAVAILABLE, 'Database unavailable, please retry shortly'), internal: false };
  }
  return { body: make(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error'), internal: true };
}

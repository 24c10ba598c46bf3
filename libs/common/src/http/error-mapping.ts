import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ErrorResponseDto } from './error-response.dto';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', 'P1001', 'P1002', 'P1017', 'P2024']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server|Cannot use a pool after calling end/i;

/** Walks an error and its causes (pg, Prisma and driver-adapter errors nest them). */
function* causes(error: unknown): Generator<Record<string, unknown>> {
  let current = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    yield current as Record<string, unknown>;
    const record = current as Record<string, unknown>;
    current = record.cause ?? (record.meta as Record<string, unknown> | undefined)?.driverAdapterError;
  }
}

function codeOf(error: Record<string, unknown>): string | undefined {
  const code = error.originalCode ?? error.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The PostgreSQL SQLSTATE behind an error, if any. Prisma reports raw-query failures as P2010
 * and keeps the driver's code at meta.driverAdapterError.cause.originalCode; pg errors carry it
 * as `code`. Prisma's own P-codes are skipped (PostgreSQL's P0001 comes as originalCode).
 */
export function sqlState(error: unknown): string | undefined {
  for (const e of causes(error)) {
    if (typeof e.originalCode === 'string' && /^[0-9A-Z]{5}$/.test(e.originalCode)) return e.originalCode;
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && e.clientVersion === undefined) return e.code;
  }
  return undefined;
}

/** PostgreSQL's own message behind an error (Prisma's first line is only "Invalid invocation"). */
export function databaseMessage(error: unknown): string {
  for (const e of causes(error)) if (typeof e.originalMessage === 'string') return e.originalMessage;
  return String((error as Error)?.message ?? error).split('\n')[0];
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = codeOf(e);
    if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

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

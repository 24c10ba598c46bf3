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
  const code = error.code ?? (error.cause as Record<string, unknown> | undefined)?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = codeOf(e);
    if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
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
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const details = Array.isArray(raw) ? raw.map(String) : undefined;
    const message = details ? details.join('; ') : String(raw ?? error.message);
    return { body: make(status, message, details), internal: status >= 500 };
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

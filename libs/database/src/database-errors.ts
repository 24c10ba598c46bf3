/**
 * How the app reads a database error, in one place: the SQLSTATE behind it, PostgreSQL's own
 * message, and its class. Unavailable: the database cannot be reached or is not serving (HTTP 503,
 * and start-up waits for it). Retryable: a transaction lost a deadlock or serialization race and can
 * run again whole. Data error: PostgreSQL refused the values themselves (a batch retries record by
 * record, the bad one is logged ERROR). Dependency-free, so any library may import this file.
 */

// Nothing listening yet, a name not resolvable yet (a container starting beside its database), a
// server starting up or shutting down, too many connections, a pool exhausted or closed.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'P1001',
  'P1002',
  'P1017',
  'P2024',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server|Cannot use a pool after calling end/i;
const RETRYABLE_STATES = new Set(['40001', '40P01']); // serialization failure, deadlock
// 22: data exception (bad text, out of range), 23: integrity constraint, 54: program limit exceeded.
const DATA_ERROR_CLASSES = new Set(['22', '23', '54']);

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

/** A deadlock or serialization failure: the transaction was rolled back whole and may run again. */
export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE_STATES.has(code);
}

/** PostgreSQL refused the data itself (not the connection): the record is at fault, not the database. */
export function isDataError(error: unknown): boolean {
  const code = sqlState(error);
  return !isDatabaseUnavailable(error) && code !== undefined && DATA_ERROR_CLASSES.has(code.slice(0, 2));
}

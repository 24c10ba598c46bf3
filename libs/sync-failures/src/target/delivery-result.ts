import { STATUS_CODES } from 'node:http';
import { DeliveryResult } from './sync-target';

const MAX_REASON_LENGTH = 300;

/**
 * Sorts an HTTP answer: 2xx delivered; 408, 429 and 5xx temporary (the receiver may accept the
 * same request later); any other status permanent (it refused the request itself). `body` is read
 * only for permanent refusals, where it usually says why.
 */
export function classifyResponse(
  status: number,
  statusText: string,
  retryAfter: string | null,
  now: Date,
  body = '',
): DeliveryResult {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const error = `HTTP ${status}: ${statusText || STATUS_CODES[status] || 'Unknown status'}`;
  if (isTemporaryStatus(status)) {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(retryAfter, now) : undefined;
    return retryAfterMs === undefined ? { kind: 'temporary', error } : { kind: 'temporary', error, retryAfterMs };
  }
  const reason = body.replace(/\s+/g, ' ').trim().slice(0, MAX_REASON_LENGTH);
  return { kind: 'permanent', error: reason ? `${error} - ${reason}` : error };
}

export function isTemporaryStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` as delay-seconds or an HTTP-date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names its day and month; Date.parse alone would also take "-5" or "1.5" as dates.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** A thrown fetch error as a person reads it: the timeout, or the network cause (never the URL, which may hold credentials). */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (e?.name === 'TimeoutError') return `Timed out after ${timeoutMs}ms`;
  const cause = e?.cause?.message ?? e?.cause?.code;
  return `Network error: ${cause ?? e?.message ?? String(error)}`;
}

export interface BackoffOptions {
  /** Delay after the first failure (ms). Default 500. */
  baseMs?: number;
  /** Upper bound of any delay (ms). Default 30,000. */
  maxMs?: number;
  /** Growth per failure. Default 2. */
  factor?: number;
}

export type Random = () => number;

/**
 * Exponential backoff with "equal jitter": after the nth failure in a row, a delay between half
 * and all of base * factor^(n-1) (capped at max), so clients that failed together spread out.
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}, random: Random = Math.random): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const factor = options.factor ?? 2;
  const ceiling = Math.min(max, base * factor ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP-date; null when absent or unreadable. A date in
 * the past means "now" (0).
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

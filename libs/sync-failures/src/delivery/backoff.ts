/**
 * The delay before the next attempt, or undefined once `retryCount` retries have been made and
 * SYNC_RETRY_BACKOFF has no more entries (the failure then waits for manual intervention).
 *
 * `retryCount` is the number of retries already made: the first delivery failed with 0 and waits
 * backoff[0]; the n-th failed retry waits backoff[n]. Jitter spreads rows that failed together
 * (an outage) over ± `jitter` of the delay, so they do not all hit the receiver in the same second.
 * A longer `Retry-After` from the receiver wins.
 */
export function retryDelayMs(
  backoffMs: readonly number[],
  retryCount: number,
  jitter: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  if (retryCount >= backoffMs.length) return undefined;
  const base = backoffMs[retryCount];
  const jittered = Math.round(base * (1 + jitter * (2 * random() - 1)));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** retryDelayMs as a point in time, or null for manual intervention. */
export function nextRetryAt(
  now: Date,
  backoffMs: readonly number[],
  retryCount: number,
  jitter: number,
  retryAfterMs?: number,
  random?: () => number,
): Date | null {
  const delay = retryDelayMs(backoffMs, retryCount, jitter, retryAfterMs, random);
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/**
 * How long a claim (of outbox entries or due failures) is held: a whole batch delivered at the
 * given concurrency, `perRequest` messages a request, every request taking the full timeout, plus
 * a margin. An instance that dies mid-batch releases its claim when it expires; a live one never
 * outlasts it.
 */
export function claimLeaseMs(batchSize: number, concurrency: number, timeoutMs: number, perRequest = 1): number {
  return Math.ceil(Math.ceil(batchSize / perRequest) / concurrency) * timeoutMs + 60_000;
}

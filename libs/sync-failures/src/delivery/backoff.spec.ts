import { claimLeaseMs, nextRetryAt, retryDelayMs } from './backoff';

const BACKOFF = [300_000, 900_000, 1_800_000]; // 5m,15m,30m

describe(retryDelayMs.name, () => {
  it('waits backoff[n] after n retries, without jitter', () => {
    expect([0, 1, 2].map((n) => retryDelayMs(BACKOFF, n, 0))).toEqual([300_000, 900_000, 1_800_000]);
  });

  it('gives up (undefined) once every backoff entry has been used', () => {
    expect(retryDelayMs(BACKOFF, 3, 0.1)).toBeUndefined();
    expect(retryDelayMs(BACKOFF, 7, 0.1)).toBeUndefined();
  });

  it('spreads the delay over ± jitter of it', () => {
    expect(retryDelayMs(BACKOFF, 0, 0.1, undefined, () => 0)).toBe(270_000);
    expect(retryDelayMs(BACKOFF, 0, 0.1, undefined, () => 0.5)).toBe(300_000);
    expect(retryDelayMs(BACKOFF, 0, 0.1, undefined, () => 0.999999)).toBe(330_000);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(BACKOFF, 1, 0.2)!;
      expect(delay).toBeGreaterThanOrEqual(720_000);
      expect(delay).toBeLessThanOrEqual(1_080_000);
    }
  });

  it('honours a Retry-After longer than the backoff, and ignores a shorter one', () => {
    expect(retryDelayMs(BACKOFF, 0, 0, 3_600_000)).toBe(3_600_000);
    expect(retryDelayMs(BACKOFF, 0, 0, 1_000)).toBe(300_000);
  });

  it('does not let Retry-After revive a failure that has used every retry', () => {
    expect(retryDelayMs(BACKOFF, 3, 0, 60_000)).toBeUndefined();
  });
});

describe(nextRetryAt.name, () => {
  const now = new Date('2026-01-01T00:00:00.000Z');

  it('adds the delay to now', () => {
    expect(nextRetryAt(now, BACKOFF, 1, 0)).toEqual(new Date('2026-01-01T00:15:00.000Z'));
  });

  it('is null once retries are exhausted (manual intervention)', () => {
    expect(nextRetryAt(now, BACKOFF, 3, 0)).toBeNull();
  });
});

describe(claimLeaseMs.name, () => {
  it('outlasts a whole batch of deliveries that all time out', () => {
    // 500 entries, 32 at a time: 16 rounds of 10 s, plus a minute of margin.
    expect(claimLeaseMs(500, 32, 10_000)).toBe(16 * 10_000 + 60_000);
    expect(claimLeaseMs(1, 32, 10_000)).toBeGreaterThan(10_000);
    // batch mode: 3,200 messages at 100 a request are 32 requests, one wave at concurrency 32
    expect(claimLeaseMs(3200, 32, 10_000, 100)).toBe(10_000 + 60_000);
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { LegacyCode, LegacyProtocolError } from './legacy-errors';
import { RateLimitRepository } from './rate-limit.repository';

/**
 * The original server allowed 20 batches per client per minute. Here LEGACY_RATE_LIMIT batches per
 * LEGACY_RATE_WINDOW, in fixed windows aligned to the epoch, counted in PostgreSQL so that every
 * instance shares one count (process memory would let N instances allow N times the limit).
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly repository: RateLimitRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one batch of `clientId`, or throws RATE_LIMIT_EXCEEDED (429) saying when to try again. */
  async take(clientId: string): Promise<void> {
    const { legacyRateLimit: limit, legacyRateWindowMs: window } = this.config;
    if (limit === 0) return;
    const now = this.clock.now().getTime();
    const windowStart = now - (now % window);
    if (await this.repository.take(clientId, new Date(windowStart), limit)) return;
    const retryAfter = Math.max(1, Math.ceil((windowStart + window - now) / 1000));
    throw new LegacyProtocolError(
      LegacyCode.RateLimitExceeded,
      429,
      `Rate limit exceeded: at most ${limit} batches per ${window / 1000} s per client; try again in ${retryAfter} s`,
      retryAfter,
    );
  }
}

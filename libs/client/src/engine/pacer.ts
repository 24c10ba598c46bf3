import type { Emitter } from '../emitter.js';
import type { Outcome } from '../transport/http-transport.js';
import { backoffDelay, BackoffOptions, Random } from './backoff.js';
import { Sleeper } from './sleeper.js';

export interface PacerOptions {
  backoff: BackoffOptions;
  /** Cap on a server's Retry-After (ms). */
  maxRetryAfterMs: number;
  random: Random;
  now: () => number;
}

type Temporary = Extract<Outcome<unknown>, { kind: 'temporary' }>;

/**
 * One pause for the whole client: a temporary failure pauses every request until the server's
 * Retry-After, or a backoff with jitter, has passed; an answer resets the backoff. The pause
 * runs on the client's own timer, so nothing waits for the app.
 */
export class Pacer {
  private pauseUntil = 0;
  private failuresInARow = 0;
  readonly sleeper = new Sleeper();

  constructor(
    private readonly events: Emitter,
    private readonly options: PacerOptions,
  ) {}

  /** When the current pause ends (ms since the epoch; in the past when not paused). */
  get until(): number {
    return this.pauseUntil;
  }

  now(): number {
    return this.options.now();
  }

  paused(): boolean {
    return this.pauseUntil > this.now();
  }

  succeeded(): void {
    this.failuresInARow = 0;
  }

  /** Pauses after a temporary failure; returns when the pause ends. */
  pause(outcome: Temporary): number {
    this.failuresInARow += 1;
    const delay =
      outcome.retryAfterMs !== null
        ? Math.min(outcome.retryAfterMs, this.options.maxRetryAfterMs)
        : backoffDelay(this.failuresInARow, this.options.backoff, this.options.random);
    this.pauseUntil = Math.max(this.pauseUntil, this.now() + delay);
    this.events.emit('retry', { reason: outcome.message, status: outcome.status, delayMs: delay });
    return this.pauseUntil;
  }

  /** Pauses after an answer that is of no use (a failure, or one that does not match the request). */
  pauseFor(outcome: Outcome<unknown>): number {
    return this.pause(
      outcome.kind === 'temporary'
        ? outcome
        : { kind: 'temporary', message: describeOutcome(outcome), retryAfterMs: null },
    );
  }

  /** Sleeps until the pause ends (or `signal` aborts, or a wake-up). */
  sleepOut(signal: AbortSignal): Promise<void> {
    return this.sleeper.sleep(this.pauseUntil - this.now(), signal);
  }
}

function describeOutcome(outcome: Outcome<unknown>): string {
  if (outcome.kind === 'refused') return `HTTP ${outcome.status}: ${outcome.message}`;
  if (outcome.kind === 'too-large') return 'HTTP 413: request too large';
  if (outcome.kind === 'temporary') return outcome.message;
  return 'The answer does not match the request';
}

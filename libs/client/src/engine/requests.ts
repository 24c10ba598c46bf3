import { ResyncAuthError } from '../errors.js';
import type { Outcome } from '../transport/http-transport.js';
import type { EngineContext } from './context.js';

/**
 * Retries one request through temporary failures (every request pauses, as for pushes). Resolves
 * with the answer, or null when aborted; throws ResyncAuthError on 401/403; a refused request
 * (another 4xx) resolves with its outcome for the caller to judge.
 */
export async function untilAnswered<T>(
  ctx: EngineContext,
  request: () => Promise<Outcome<T>>,
  signal: AbortSignal,
): Promise<Extract<Outcome<T>, { kind: 'ok' | 'refused' }> | null> {
  const { pacer } = ctx;
  while (!signal.aborted) {
    if (pacer.paused()) {
      await pacer.sleepOut(signal);
      continue;
    }
    const outcome = await request();
    if (outcome.kind === 'ok' || outcome.kind === 'refused') {
      pacer.succeeded();
      return outcome;
    }
    if (outcome.kind === 'auth') throw new ResyncAuthError(outcome.status, outcome.message);
    pacer.pauseFor(outcome);
  }
  return null;
}

import type { ChangeEvent, Conflict, ProgressEvent, RejectedChange, RetryEvent } from './types.js';

export interface ResyncEvents {
  progress: ProgressEvent;
  rejected: RejectedChange;
  /** A failure the client cannot get past alone (401/403, a broken store); sync stops. */
  error: Error;
  /** A temporary failure (network, timeout, 5xx, 429); retried after the delay. */
  retry: RetryEvent;
  /** A record of the store changed: a local write, or the server's state (pull, conflict, merge). */
  change: ChangeEvent;
  /** The server refused a local change as a conflict; `resolution` says what the client did. */
  conflict: Conflict;
}

export type Listener<T> = (event: T) => void;

/**
 * A small typed emitter that works in browsers and Node alike. Unlike Node's EventEmitter, an
 * `error` without a listener does not throw: the failure is also in sync()'s rejection.
 * A listener that throws does not break the sync either.
 */
export class Emitter {
  private readonly listeners = new Map<keyof ResyncEvents, Set<Listener<never>>>();

  on<K extends keyof ResyncEvents>(event: K, listener: Listener<ResyncEvents[K]>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => this.off(event, listener);
  }

  off<K extends keyof ResyncEvents>(event: K, listener: Listener<ResyncEvents[K]>): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit<K extends keyof ResyncEvents>(event: K, payload: ResyncEvents[K]): void {
    for (const listener of [...((this.listeners.get(event) ?? []) as Set<Listener<ResyncEvents[K]>>)]) {
      try {
        listener(payload);
      } catch {
        // The app's listener failing must not stop the queue.
      }
    }
  }
}

import type { BackoffOptions, Random } from './engine/backoff.js';
import type { OnConflict } from './engine/resolver.js';
import type { EngineOptions, EngineParts } from './engine/sync-engine.js';
import type { ResyncStore } from './store.js';
import type { TokenSource } from './transport/credential.js';

export interface ResyncClientOptions {
  /** Where the resync API is, e.g. `https://sync.example.com`. */
  baseUrl: string;
  /** The client key (`Authorization: Bearer <key>`); it decides the client id (and, for a device's key, the device). Give this or `token`. */
  apiKey?: string;
  /**
   * A token from your identity provider instead of a key (the server must accept tokens), or a
   * function returning the current one, sync or async. The function is called before the first
   * request and again after a 401 (an expired token, say), and the request is sent once more; a
   * second 401, or the same token again, stops sync with ResyncAuthError as for a key.
   */
  token?: TokenSource;
  /** The durable queue: `SqliteStore` (Node), `IndexedDbStore` (browsers), `MemoryStore` (tests; the default). */
  store?: ResyncStore;
  /** The fetch to use (tests inject fakes); the global one by default. */
  fetch?: typeof fetch;
  /** Changes per batch request, 1 to 1,000 (the server's limit). Default 1,000. */
  batchSize?: number;
  /** Changes per status request, 1 to 1,000. Default 1,000. */
  statusBatchSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** A change refused with the same ERROR this many times in a row is rejected. Default 5. */
  maxSameErrors?: number;
  /** Backoff after temporary failures, ERROR answers and PROCESSING. Default 500 ms doubling to 30 s. */
  backoff?: BackoffOptions;
  /** Limit of one request, answer included. Default 30 s. */
  requestTimeoutMs?: number;
  /** Longest Retry-After honoured. Default 5 minutes. */
  maxRetryAfterMs?: number;
  /**
   * Push with `Prefer: respond-async`: the server queues each batch and answers 202 at once; the
   * changes are confirmed by status queries once its workers applied them. Default false.
   */
  preferAsync?: boolean;
  /**
   * Tables to pull (own and shared). Default: every table the server serves (`GET /tables`); a
   * server without that route is pulled for these tables only.
   */
  tables?: string[];
  /** Changes per page of the change feed, 1 to 1,000. Default 1,000. */
  pullLimit?: number;
  /**
   * Decides what to do when the server refuses a local change as a conflict: a record (with the
   * same id) to write on top of the server's version, `'local'` (write the local change again on
   * top of it) or `'server'` (keep the server's state). Without it, or when it returns undefined,
   * the client keeps the server's state and lists the conflict in `conflicts()`.
   */
  onConflict?: OnConflict;
  /** For tests: the clock and the jitter's random source. */
  now?: () => number;
  random?: Random;
}

export interface StartOptions {
  /** Pause between two syncs when idle (ms). A local write starts one at once. Default 5,000. */
  intervalMs?: number;
}

const MAX_BATCH = 1000;

/** The engine's settings from the client's options: defaults filled in, limits checked. */
export function engineOptions(options: ResyncClientOptions, now: () => number): EngineOptions {
  return {
    batchSize: bounded('batchSize', options.batchSize ?? MAX_BATCH, 1, MAX_BATCH),
    statusBatchSize: bounded('statusBatchSize', options.statusBatchSize ?? MAX_BATCH, 1, MAX_BATCH),
    concurrency: bounded('concurrency', options.concurrency ?? 4, 1, 64),
    maxSameErrors: bounded('maxSameErrors', options.maxSameErrors ?? 5, 1, 1_000_000),
    backoff: options.backoff ?? {},
    maxRetryAfterMs: options.maxRetryAfterMs ?? 5 * 60_000,
    random: options.random ?? Math.random,
    now,
  };
}

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** The pull and conflict settings from the client's options. */
export function engineParts(options: ResyncClientOptions): EngineParts {
  if (
    options.tables !== undefined &&
    (!Array.isArray(options.tables) || options.tables.some((t) => typeof t !== 'string' || !t))
  )
    throw new TypeError('tables must be a list of table names');
  if (options.onConflict !== undefined && typeof options.onConflict !== 'function')
    throw new TypeError('onConflict must be a function');
  return {
    pull: { tables: options.tables, limit: bounded('pullLimit', options.pullLimit ?? MAX_BATCH, 1, MAX_BATCH) },
    onConflict: options.onConflict,
  };
}

import type { paths } from '../api-types.js';
import { parseRetryAfter } from '../engine/backoff.js';
import type { QueueEntry, TableInfo } from '../types.js';
import type { Credential } from './credential.js';
import {
  baseFields,
  DEVICE_HEADER,
  refusesSharedWrite,
  FeedPage,
  feedPath,
  readFeed,
  readTables,
  TABLES_PATH,
} from './feed-wire.js';

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** Shapes from the server's OpenAPI document (api-types.ts, generated). */
type BatchResponses = paths['/tables/{table}/batch']['post']['responses'];
/** 200 (applied) or 202 (queued, with `Prefer: respond-async`): one result per entry either way. */
export type BatchResponse = JsonOf<BatchResponses[200]> | JsonOf<BatchResponses[202]>;
export type BatchResult = BatchResponse['results'][number];
export type StatusBatchResponse = Extract<
  JsonOf<paths['/tables/{table}/records']['post']['responses'][200]>,
  { results: unknown }
>;
export type RecordStatus = StatusBatchResponse['results'][number];

/** What became of one request, sorted by what the client does next. */
export type Outcome<T> =
  | { kind: 'ok'; body: T }
  /** 413: split the batch. */
  | { kind: 'too-large' }
  /** 401/403 (a 401 after a token function's new token too): stop and tell the app. */
  | { kind: 'auth'; status: number; message: string }
  /** Network error, timeout, 408, 429, 5xx, an unreadable answer: retry later. */
  | { kind: 'temporary'; status?: number; message: string; retryAfterMs: number | null; unsent?: true }
  /** Any other 4xx: the request itself was refused. */
  | { kind: 'refused'; status: number; message: string };

export interface TransportOptions {
  baseUrl: string;
  /** The key or token; a token function is asked again after a 401, and the request sent once more. */
  credential: Credential;
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
  /** Send batches with `Prefer: respond-async`: the server queues them and answers 202 at once. */
  preferAsync?: boolean;
  /** The device id sent with every request. */
  deviceId: () => Promise<string>;
  /** Whether pushes carry base_ver (a server of 0.1 would store it as a field of the record). */
  sendBaseVer: () => boolean;
}

/** The requests the sync engine makes: push a batch, ask the status of up to 1,000 changes, pull. */
export interface Transport {
  /** One page of a table's change feed; a body that is not one is a temporary failure. */
  changes(table: string, since: string | null, limit: number, signal: AbortSignal): Promise<Outcome<FeedPage>>;
  /** The tables the server serves to this key. */
  tables(signal: AbortSignal): Promise<Outcome<TableInfo[]>>;
  batch(table: string, entries: QueueEntry[], signal: AbortSignal): Promise<Outcome<BatchResponse>>;
  status(
    table: string,
    queries: { id: string; ver: number; queueId?: string }[],
    signal: AbortSignal,
  ): Promise<Outcome<StatusBatchResponse>>;
}

export class HttpTransport implements Transport {
  private readonly base: string;

  constructor(private readonly options: TransportOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  batch(table: string, entries: QueueEntry[], signal: AbortSignal): Promise<Outcome<BatchResponse>> {
    // An asynchronous request is one job on the server, so its changes share one id_cola, unique
    // per push (first change's id_cola and push number); status then asks by version alone.
    const jobId = this.options.preferAsync ? `${entries[0].queueId}.${entries[0].attempts}` : undefined;
    const withBase = this.options.sendBaseVer();
    const operations = entries.map((e) => {
      const idCola = jobId ?? e.queueId;
      const base = withBase ? baseFields(e) : {};
      return {
        operation: e.op,
        record:
          e.op === 'DELETE'
            ? { id: e.id, ver: e.ver, id_cola: idCola, ...base }
            : { ...e.data, id: e.id, ver: e.ver, id_cola: idCola, ...base },
      };
    });
    return this.request<BatchResponse>(
      'POST',
      `/tables/${encodeURIComponent(table)}/batch`,
      { operations },
      signal,
      this.options.preferAsync ? { prefer: 'respond-async' } : {},
    );
  }

  async changes(table: string, since: string | null, limit: number, signal: AbortSignal): Promise<Outcome<FeedPage>> {
    const outcome = await this.request<unknown>('GET', feedPath(table, since, limit), undefined, signal);
    return this.read(outcome, readFeed, 'change feed');
  }

  async tables(signal: AbortSignal): Promise<Outcome<TableInfo[]>> {
    return this.read(await this.request<unknown>('GET', TABLES_PATH, undefined, signal), readTables, 'table list');
  }

  status(
    table: string,
    queries: { id: string; ver: number; queueId?: string }[],
    signal: AbortSignal,
  ): Promise<Outcome<StatusBatchResponse>> {
    const records = queries.map((q) =>
      q.queueId && !this.options.preferAsync
        ? { hash_id: q.id, ver: q.ver, id_cola: q.queueId }
        : { hash_id: q.id, ver: q.ver },
    );
    return this.request<StatusBatchResponse>(
      'POST',
      `/tables/${encodeURIComponent(table)}/records`,
      { records },
      signal,
    );
  }

  /** An answer whose body `parse` cannot read is a temporary failure (a proxy's page, say). */
  private read<T>(outcome: Outcome<unknown>, parse: (body: unknown) => T | null, what: string): Outcome<T> {
    if (outcome.kind !== 'ok') return outcome;
    const body = parse(outcome.body);
    if (body === null) return { kind: 'temporary', message: `Unreadable ${what}`, retryAfterMs: null };
    return { kind: 'ok', body };
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal,
    extraHeaders: Record<string, string> = {},
  ): Promise<Outcome<T>> {
    let token: string;
    try {
      token = await this.options.credential.value();
    } catch (error) {
      // Nothing was sent: the changes stay pending, retried after the backoff.
      return {
        kind: 'temporary',
        message: `Getting the token failed: ${describe(error)}`,
        retryAfterMs: null,
        unsent: true,
      };
    }
    const first = await this.send<T>(method, path, body, signal, extraHeaders, token);
    if (first.kind !== 'auth' || first.status !== 401) return first;
    let next: string | undefined;
    try {
      next = await this.options.credential.renewed(token);
    } catch {
      return first;
    }
    return next === undefined ? first : this.send<T>(method, path, body, signal, extraHeaders, next);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal,
    extraHeaders: Record<string, string>,
    token: string,
  ): Promise<Outcome<T>> {
    const deviceId = await this.options.deviceId();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await this.options.fetch(this.base + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          accept: 'application/json',
          [DEVICE_HEADER]: deviceId,
          ...extraHeaders,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      const message = timeout.aborted
        ? `Timed out after ${this.options.timeoutMs}ms`
        : `Network error: ${describe(error)}`;
      return { kind: 'temporary', message, retryAfterMs: null };
    }
    return this.classify<T>(response, timeout, signal);
  }

  private async classify<T>(response: Response, timeout: AbortSignal, signal: AbortSignal): Promise<Outcome<T>> {
    const status = response.status;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw error;
      return {
        kind: 'temporary',
        status,
        message: timeout.aborted ? `Timed out after ${this.options.timeoutMs}ms` : `Answer cut off: ${describe(error)}`,
        retryAfterMs: null,
      };
    }
    if (status >= 200 && status < 300) {
      try {
        return { kind: 'ok', body: JSON.parse(text) as T };
      } catch {
        return { kind: 'temporary', status, message: `HTTP ${status} with an unreadable body`, retryAfterMs: null };
      }
    }
    const message = errorMessage(status, text);
    if ((status === 401 || status === 403) && !refusesSharedWrite(status, message))
      return { kind: 'auth', status, message };
    if (status === 413) return { kind: 'too-large' };
    if (status === 408 || status === 429 || status >= 500) {
      return {
        kind: 'temporary',
        status,
        message: `HTTP ${status}: ${message}`,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.options.now()),
      };
    }
    return { kind: 'refused', status, message };
  }
}

/** The server's error text (`message` of its JSON error shape), else the start of the body. */
function errorMessage(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (Array.isArray(body.message)) return body.message.join('; ');
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return text.slice(0, 200) || `HTTP ${status}`;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

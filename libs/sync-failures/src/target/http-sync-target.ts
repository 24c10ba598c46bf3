import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { Pool } from 'undici';
import { MAX_ANSWER_BYTES, OVERSIZED_BATCH_ANSWER, readCapped } from './answer-body';
import { readBatchAnswer } from './batch-answer';
import { batchBody, singleBody } from './delivery-body';
import { classifyResponse, describeNetworkError, isTemporaryStatus } from './delivery-result';
import { DeliveryResult, SyncMessage, SyncTarget } from './sync-target';

/** What one POST came back with. */
interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
  /** The body was longer than MAX_ANSWER_BYTES: `body` is its beginning only. */
  overflow: boolean;
}

/**
 * Delivers by `POST EXTERNAL_SYNC_URL`: one change per request with an `Idempotency-Key` header,
 * or, with EXTERNAL_SYNC_BATCH_SIZE > 1, a JSON array of up to that many changes answered per
 * message (docs/external-sync.md). Requests go over a keep-alive pool of at most
 * SYNC_RETRY_CONCURRENCY connections (undici's Pool: a fraction of fetch's CPU per request, which
 * was the connector's bottleneck). EXTERNAL_SYNC_TIMEOUT bounds each request, answer included.
 */
@Injectable()
export class HttpSyncTarget extends SyncTarget implements OnApplicationShutdown {
  private pool?: Pool;
  private readonly path: string;
  private readonly authorization?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
    const url = config.externalSyncUrl === undefined ? undefined : new URL(config.externalSyncUrl);
    this.path = url ? `${url.pathname}${url.search}` : '/';
    // Credentials in the URL become Basic auth; the URL itself never reaches an error or a log.
    if (url?.username)
      this.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    if (url) this.pool = new Pool(url.origin, { connections: config.syncRetryConcurrency });
  }

  get enabled(): boolean {
    return this.pool !== undefined;
  }

  get batchSize(): number {
    return this.config.externalSyncBatchSize;
  }

  /** After every delivery loop has stopped (they wait for their requests in onModuleDestroy). */
  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  async deliver(messages: SyncMessage[]): Promise<DeliveryResult[]> {
    if (messages.length === 0) return [];
    const single = this.batchSize === 1 && messages.length === 1;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (single) headers['idempotency-key'] = messages[0].idempotencyKey;
    if (this.authorization) headers.authorization = this.authorization;
    const body = single ? singleBody(messages[0]) : batchBody(messages);
    // A batch's 2xx body answers per message; a single delivery reads the body only to explain a refusal.
    const answer = await this.post(headers, body, (status) => !single || isRefusal(status));
    if ('error' in answer) return messages.map(() => ({ kind: 'temporary', error: answer.error }));
    const now = this.clock.now();
    if (!single && answer.status >= 200 && answer.status < 300) {
      if (answer.overflow) return messages.map(() => ({ kind: 'temporary', error: OVERSIZED_BATCH_ANSWER }));
      return readBatchAnswer(messages, answer.body, now);
    }
    const result = classifyResponse(answer.status, '', answer.retryAfter, now, answer.body);
    return messages.map(() => result);
  }

  private async post(
    headers: Record<string, string>,
    body: string,
    wantBody: (status: number) => boolean,
  ): Promise<Answer | { error: string }> {
    const timeoutMs = this.config.externalSyncTimeoutMs;
    const pool = this.pool;
    if (!pool) return { error: 'EXTERNAL_SYNC_URL is not set' };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs);
    try {
      const response = await pool.request({
        path: this.path,
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      // Read capped: a receiver answering a huge body must not exhaust the app's memory.
      const read = wantBody(response.statusCode)
        ? await readCapped(response.body, MAX_ANSWER_BYTES, response.headers['content-length'])
        : (await response.body.dump(), { text: '', overflow: false });
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null,
        body: read.text,
        overflow: read.overflow,
      };
    } catch (error) {
      return { error: timedOut ? `Timed out after ${timeoutMs}ms` : describeNetworkError(error, timeoutMs) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && !isTemporaryStatus(status);
}

import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig, SyncedTable } from '@app/common';
import { databaseMessage, isDataError, PrismaService, sqlState } from '@app/database';
import { Metrics } from '@app/metrics';
import { OperationsService } from '@app/operations';
import { Change, ReceivedChange } from '../change';
import { failure, Failure, IngestResult } from '../ingest.service';
import { AsyncIngestRepository } from './async-ingest.repository';
import { QueueBell } from './queue-bell';

/** What an asynchronous request was answered: its job id and one result (QUEUED or ERROR) per record, in order. */
export interface AcceptedJob {
  jobId: string;
  results: IngestResult[];
}

/** 503 with Retry-After: the queue is deeper than ASYNC_MAX_QUEUE_DEPTH. */
export class QueueFullException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 503,
        error: 'Service Unavailable',
        message: `The asynchronous queue is full: retry after ${retryAfterSeconds} s, or send synchronously`,
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

/** A made-up queue job id for a client that gave none. */
export function newJobId(): string {
  return `job_${randomBytes(12).toString('base64url')}`;
}

/**
 * Accepts changes for asynchronous handling (README "Asynchronous ingest"): every valid change is
 * logged QUEUED with its payload in one statement, and a worker (AsyncIngestWorker) applies it
 * later with the synchronous path's statement. Invalid changes are answered and logged ERROR at
 * once, exactly as the synchronous path does. This is the internal API other ingest protocols
 * build on (`enqueue`).
 */
@Injectable()
export class AsyncIngestService {
  private readonly logger = new Logger(AsyncIngestService.name);
  private depth = { value: 0, at: -Infinity };
  private depthRead?: Promise<number>;

  constructor(
    private readonly repository: AsyncIngestRepository,
    private readonly operations: OperationsService,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly bell: QueueBell,
  ) {}

  /**
   * Queues a client's changes to one table as one job. `queueId` is the job id (`id_cola`); when
   * absent, the records' own common `id_cola` is used, else one is made up. Every change is stamped
   * with the job id. Throws QueueFullException (503) when the queue is deeper than
   * ASYNC_MAX_QUEUE_DEPTH, and BadRequest-style errors are the caller's (validation is `received`).
   */
  async enqueue(
    clientId: string,
    table: SyncedTable,
    received: ReceivedChange[],
    queueId?: string,
    deviceId: string | null = null,
  ): Promise<AcceptedJob> {
    const jobId = queueId ?? commonQueueId(received) ?? newJobId();
    await this.checkBackpressure();
    const results: IngestResult[] = new Array(received.length);
    const valid: { index: number; change: Change }[] = [];
    const rejected: Failure[] = [];
    received.forEach((item, index) => {
      if ('change' in item) return valid.push({ index, change: { ...item.change, queueId: jobId } });
      const error = item.problems.join('; ');
      results[index] = { id: item.id ?? null, operation: item.operation ?? null, status: 'ERROR', error };
      if (item.id !== undefined && item.operation !== undefined) {
        const f = failure(index, item.id, item.operation, error, undefined, deviceId);
        rejected.push({ ...f, entry: { ...f.entry, queueId: jobId } });
      }
    });

    try {
      await this.acceptAll(clientId, table, jobId, valid, rejected, results, deviceId);
    } catch (error) {
      if (!isDataError(error) || valid.length === 0) throw error;
      // One record the database refuses (its payload, say): accept them one by one to isolate it.
      this.logger.warn(
        `Async batch of ${valid.length} failed (${sqlState(error)}: ${databaseMessage(error)}); accepting records one by one`,
      );
      const failed: Failure[] = [...rejected];
      for (const item of valid) {
        try {
          await this.acceptAll(clientId, table, jobId, [item], [], results, deviceId);
        } catch (single) {
          if (!isDataError(single)) throw single;
          const f = failure(
            item.index,
            item.change.id,
            item.change.operation,
            `Could not be stored: ${databaseMessage(single)}`,
            item.change,
            deviceId,
          );
          results[item.index] = f.result;
          failed.push(f);
        }
      }
      await this.acceptAll(clientId, table, jobId, [], failed, results, deviceId);
    }
    // The request's ERROR answers now; its QUEUED operations when a worker applies them.
    this.metrics.ingested(table.name, results);
    return { jobId, results };
  }

  private async acceptAll(
    clientId: string,
    table: SyncedTable,
    jobId: string,
    valid: { index: number; change: Change }[],
    errors: Failure[],
    results: IngestResult[],
    deviceId: string | null,
  ): Promise<void> {
    if (valid.length > 0) {
      const ids = await this.prisma.retrying(() =>
        this.repository.accept(
          clientId,
          table.name,
          jobId,
          valid.map((v) => v.change),
          deviceId,
        ),
      );
      this.bell.ring();
      valid.forEach(
        ({ index, change }, k) =>
          (results[index] = {
            id: change.id,
            operation: change.operation,
            status: 'QUEUED',
            operationId: ids[k].toString(),
          }),
      );
    }
    if (errors.length > 0) {
      const ids = await this.prisma.transaction((tx) =>
        this.operations.log(
          tx,
          clientId,
          table.name,
          errors.map((e) => e.entry),
        ),
      );
      errors.forEach((e, k) => (results[e.index] = { ...e.result, operationId: ids[k].toString() }));
    }
  }

  /**
   * 503 when the queue is deeper than ASYNC_MAX_QUEUE_DEPTH. The depth is counted at most once per
   * ASYNC_QUEUE_DEPTH_REFRESH per process (counting a deep queue on every request would cost more
   * than the request), so the limit may be overshot by what arrives within that interval.
   */
  private async checkBackpressure(): Promise<void> {
    if ((await this.queueDepth()) >= this.config.asyncMaxQueueDepth)
      throw new QueueFullException(this.config.asyncRetryAfterSeconds);
  }

  private queueDepth(): Promise<number> {
    if (Date.now() - this.depth.at < this.config.asyncQueueDepthRefreshMs) return Promise.resolve(this.depth.value);
    this.depthRead ??= this.repository
      .queueDepth()
      .then((value) => ((this.depth = { value, at: Date.now() }), value))
      .finally(() => (this.depthRead = undefined));
    return this.depthRead;
  }
}

/** The `id_cola` the records name (a request is one job, so they must agree), if any. */
function commonQueueId(received: ReceivedChange[]): string | undefined {
  const ids = new Set(received.flatMap((r) => ('change' in r && r.change.queueId !== null ? [r.change.queueId] : [])));
  if (ids.size > 1)
    throw new BadRequestException(
      'An asynchronous request is one job: every record that has an id_cola must have the same one',
    );
  return ids.size === 1 ? [...ids][0] : undefined;
}

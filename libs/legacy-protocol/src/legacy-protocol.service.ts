import { Inject, Injectable } from '@nestjs/common';
import { RecordStatusService } from '@app/record-status';
import { BATCH_QUEUE, BatchQueue } from './batch-queue';
import { LegacyBatch } from './legacy-batch';
import { LegacyRecordStatusDto, LegacyStatusResponseDto } from './legacy.dto';
import { LegacyStatusRequest } from './legacy-status-request';
import { RateLimiter } from './rate-limiter.service';

export interface QueuedBatch {
  jobId: string;
  queued: number;
  /** Records the database refused while queueing (each logged ERROR, so status says why). */
  refused: number;
}

/** The original store clients' protocol on top of the asynchronous ingest pipeline and the status decision tree. */
@Injectable()
export class LegacyProtocolService {
  constructor(
    @Inject(BATCH_QUEUE) private readonly queue: BatchQueue,
    private readonly rateLimiter: RateLimiter,
    private readonly status: RecordStatusService,
  ) {}

  /** Counts the batch against the client's rate limit, then queues it as one job (its id is `id_cola`). */
  async queueBatch(clientId: string, batch: LegacyBatch): Promise<QueuedBatch> {
    await this.rateLimiter.take(clientId);
    const { jobId, results } = await this.queue.enqueue(
      clientId,
      batch.table,
      batch.changes.map((change) => ({ change })),
    );
    const refused = results.filter((r) => r.status === 'ERROR').length;
    return { jobId, queued: results.length - refused, refused };
  }

  /** Each record's status in request order, keyed by the request's field_id. */
  async statusOf(clientId: string, request: LegacyStatusRequest): Promise<LegacyStatusResponseDto> {
    const results = await this.status.statusOf(
      clientId,
      request.table,
      request.queries.map((q) => ({ hashId: q.hashId, queueId: q.queueId, ver: request.ver })),
    );
    const records = results.map(
      (r) =>
        ({
          [request.fieldId]: r.hash_id,
          status: r.status,
          ...(r.note !== undefined ? { note: r.note } : {}),
          ...(r.error_details !== undefined ? { error_details: r.error_details } : {}),
          data: r.data,
        }) as unknown as LegacyRecordStatusDto,
    );
    return {
      version: request.version,
      field_id: request.fieldId,
      table: request.table.name,
      client_id: clientId,
      total_records: records.length,
      records,
    };
  }
}

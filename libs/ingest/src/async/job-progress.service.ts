import { Injectable, NotFoundException } from '@nestjs/common';
import { AsyncIngestRepository } from './async-ingest.repository';

export const JOB_ERRORS_LIMIT = 1000;

export interface JobProgress {
  id_cola: string;
  /** PROCESSING while any operation waits or is applied; COMPLETED once none does (errors included). */
  status: 'PROCESSING' | 'COMPLETED';
  total: number;
  queued: number;
  processing: number;
  completed: number;
  error: number;
  /** Only when retention retired some of the job's operations (they were COMPLETED or ERROR). */
  archived?: number;
  errors: { table: string; hash_id: string; operation: string; error: string | null; operation_id: string }[];
  accepted_at: string;
  finished_at: string | null;
}

/** GET /jobs/:id_cola: the progress of a client's queue job (every operation logged with that id_cola). */
@Injectable()
export class JobProgressService {
  constructor(private readonly repository: AsyncIngestRepository) {}

  async progress(clientId: string, queueId: string): Promise<JobProgress> {
    const counts = await this.repository.jobCounts(clientId, queueId);
    const total = counts.queued + counts.processing + counts.completed + counts.error + counts.archived;
    if (total === 0) throw new NotFoundException(`No job ${queueId} for this client`);
    const errors = counts.error > 0 ? await this.repository.jobErrors(clientId, queueId, JOB_ERRORS_LIMIT) : [];
    const finished = counts.queued + counts.processing === 0;
    return {
      id_cola: queueId,
      status: finished ? 'COMPLETED' : 'PROCESSING',
      total,
      queued: counts.queued,
      processing: counts.processing,
      completed: counts.completed,
      error: counts.error,
      ...(counts.archived > 0 && { archived: counts.archived }),
      errors: errors.map((e) => ({
        table: e.table_name,
        hash_id: e.record_id,
        operation: e.operation,
        error: e.error,
        operation_id: e.id.toString(),
      })),
      accepted_at: counts.accepted_at!.toISOString(),
      finished_at: finished ? counts.last_change_at!.toISOString() : null,
    };
  }
}

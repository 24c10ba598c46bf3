import { IngestResult } from './ingest.service';

/** The response object of either HTTP adapter: both have status() and header(). */
export interface Reply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/** One entry of a batch's answer, in request order. */
export function entryOf(r: IngestResult, index: number) {
  return {
    index,
    id: r.id,
    operation: r.operation,
    status: r.status,
    note: r.note,
    error: r.error,
    operation_id: r.operationId,
  };
}

/** 202 Accepted, the preference honoured, and where to follow the job. */
export function accepted(reply: Reply, jobId: string): void {
  reply.status(202);
  reply.header('Preference-Applied', 'respond-async');
  reply.header('Location', `/jobs/${encodeURIComponent(jobId)}`);
}

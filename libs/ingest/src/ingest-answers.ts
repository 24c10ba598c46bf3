import { ForbiddenException } from '@nestjs/common';
import { SyncedTable } from '@app/common';
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
    ...(r.ver !== undefined ? { ver: r.ver, data: r.data ?? null } : {}),
    ...(r.conflict ? { conflict: r.conflict } : {}),
  };
}

/** A synchronous batch's answer: its entries and their counts (queued and conflicts only when not 0). */
export function batchAnswer(results: ReturnType<typeof entryOf>[]) {
  const failed = results.filter((r) => r.status === 'ERROR').length;
  const queued = results.filter((r) => r.status === 'QUEUED').length;
  const conflicts = results.filter((r) => r.status === 'CONFLICT').length;
  return {
    results,
    completed: results.length - failed - queued - conflicts,
    failed,
    ...(queued > 0 ? { queued } : {}),
    ...(conflicts > 0 ? { conflicts } : {}),
  };
}

/** A store's write to a shared table (docs/multi-device.md): refused, nothing written. */
export function refuseShared(table: SyncedTable): void {
  if (table.shared)
    throw new ForbiddenException(
      `Table "${table.name}" is shared: written by head office with the admin token, read-only for stores`,
    );
}

/** 202 Accepted, the preference honoured, and where to follow the job. */
export function accepted(reply: Reply, jobId: string): void {
  reply.status(202);
  reply.header('Preference-Applied', 'respond-async');
  reply.header('Location', `/jobs/${encodeURIComponent(jobId)}`);
}

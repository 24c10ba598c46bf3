/**
 * A job (`id_cola`) lists its operations in sync_job_operations: one row per statement that logs
 * operations with a job id, holding their ids (migration 20261125130000_job_operations). Every
 * statement that inserts into sync_operations adds this CTE over its RETURNING rows
 * (id, client_id, queue_id), named `logged` here; asynchronous acceptance, whose batch is one job,
 * writes its row from its queue entry's array instead (AsyncIngestRepository).
 */
export const jobOperationsCte = (logged: string): string => `jobs AS (
      INSERT INTO sync_job_operations (client_id, queue_id, operation_ids)
      SELECT l.client_id, l.queue_id, array_agg(l.id ORDER BY l.id) FROM ${logged} l
      WHERE l.queue_id IS NOT NULL GROUP BY l.client_id, l.queue_id)`;

/** A job's operation ids, client $1 and job $2: its rows by sync_job_operations_job_idx. */
export const JOB_OPERATION_IDS = `SELECT unnest(j.operation_ids) FROM sync_job_operations j WHERE j.client_id = $1 AND j.queue_id = $2`;

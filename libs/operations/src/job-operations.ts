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

/**
 * `FROM ... WHERE` over a job's operations (client $1, job $2), `columns` of each (alias `o`), read
 * by primary key one id at a time: each lookup prunes to the partition holding that id (the plan
 * spec); a caller adds its own conditions with AND. The job's ids as `id = ANY(ARRAY(...))` probed
 * every partition of the log instead (the array is known only while the statement runs, and
 * run-time pruning does not use such an array). `OFFSET 0` keeps the planner from flattening the
 * lookups into a hash join over every partition; the client is checked outside them, or a partition
 * without statistics is read through the client's lookup-index entries instead of the key.
 */
export const jobOperationsWhere = (
  columns: string,
  idsArray = `ARRAY(${JOB_OPERATION_IDS})`,
  { citus = false }: { citus?: boolean } = {},
): string =>
  citus
    ? // Citus refuses OFFSET in a lateral subquery over a table function; filtered by the client,
      // the lookup runs on the client's shard alone.
      `sync_operations o WHERE o.id = ANY(${idsArray}::bigint[]) AND o.client_id = $1`
    : `unnest(${idsArray}) AS j(id)
   CROSS JOIN LATERAL (SELECT o.client_id, ${columns} FROM sync_operations o WHERE o.id = j.id OFFSET 0) o
   WHERE o.client_id = $1`;

-- Job operations partitioned with the log (docs/operation-log.md, "Job operations"):
-- sync_job_operations (a job's operations: one row per statement that logged operations with a
-- job id, holding their ids) grows with the log, so it is partitioned the same way, by RANGE of
-- `id` with exactly the log's partition bounds, and its ids now come from the log's own id
-- sequence. A job row is written by the statement that logs its operations, after them, so its id
-- is above theirs and falls in the partition of the period they were logged in (or the next one,
-- if the period started in between): it leaves when retention drops that partition, when every
-- operation it lists is retired. The partitions job creates both partitions of a period together;
-- retention drops both together, first adding the job's retired operations to its count in
-- sync_job_heads. The statements that write and read the table do not change.
--
-- The existing table is converted in place: renamed, its rows copied into the new partitioned
-- table with their newest operation's id as their id (an operation belongs to one row only, so no
-- two rows share one, and the sequence is past every one of them), then dropped with its own
-- sequence. A row per statement, a few bytes per operation: about 2% of the log's size to copy.
-- Rows whose operations all lie in partitions retention already retired become their job's head
-- (the count GET /jobs/:id_cola reports stays the same).

ALTER TABLE "sync_job_operations" RENAME CONSTRAINT "sync_job_operations_pkey" TO "sync_job_operations_old_pkey";
ALTER INDEX "sync_job_operations_job_idx" RENAME TO "sync_job_operations_old_job_idx";
ALTER TABLE "sync_job_operations" RENAME TO "sync_job_operations_old";

CREATE TABLE "sync_job_operations" (
    "id" BIGINT NOT NULL,
    "client_id" TEXT NOT NULL,
    "queue_id" TEXT NOT NULL,
    "operation_ids" BIGINT[] NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_job_operations_pkey" PRIMARY KEY ("id")
) PARTITION BY RANGE ("id");

CREATE INDEX "sync_job_operations_job_idx" ON "sync_job_operations"("client_id", "queue_id");

DO $$
DECLARE
  p record;
  oldest bigint := (SELECT min(first_id) FROM sync_operation_partitions WHERE retired_at IS NULL);
BEGIN
  EXECUTE format('ALTER TABLE sync_job_operations ALTER COLUMN id SET DEFAULT nextval(%L::regclass)',
                 pg_get_serial_sequence('sync_operations', 'id'));

  -- One partition per live partition of the log, same bounds (the oldest from MINVALUE, as the log's first).
  FOR p IN SELECT name, first_id, end_id, first_id = oldest AS oldest FROM sync_operation_partitions
           WHERE retired_at IS NULL ORDER BY first_id LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF sync_job_operations FOR VALUES FROM (%s) TO (%s)',
                   replace(p.name, 'sync_operations_', 'sync_job_operations_'),
                   CASE WHEN p.oldest THEN 'MINVALUE' ELSE p.first_id::text END, p.end_id);
  END LOOP;

  INSERT INTO sync_job_operations (id, client_id, queue_id, operation_ids, created_at)
  SELECT l.last, j.client_id, j.queue_id, j.operation_ids, j.created_at
  FROM sync_job_operations_old j CROSS JOIN LATERAL (SELECT max(i) AS last FROM unnest(j.operation_ids) i) l
  WHERE l.last >= oldest
  ORDER BY l.last;

  INSERT INTO sync_job_heads (client_id, queue_id, archived, accepted_at, last_change_at)
  SELECT j.client_id, j.queue_id, sum(cardinality(j.operation_ids)), min(j.created_at), max(j.created_at)
  FROM sync_job_operations_old j
  WHERE (SELECT max(i) FROM unnest(j.operation_ids) i) < oldest
  GROUP BY j.client_id, j.queue_id;
END $$;

DROP TABLE "sync_job_operations_old";

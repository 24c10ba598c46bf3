-- Asynchronous ingest (README "Asynchronous ingest"): an operation accepted with
-- `Prefer: respond-async` is logged QUEUED with its `payload` (the audit trail's column), and a
-- worker applies it later.

-- Operations still waiting (QUEUED) or in flight (PROCESSING), per record: the synchronous path asks
-- "does this record have operations waiting?" for every change it applies, and workers take a record's
-- operations in order. Applied operations leave the index, so it stays as small as the queue; a
-- synchronous write (logged COMPLETED) never enters it.
CREATE INDEX "sync_operations_pending_idx" ON "sync_operations"("client_id", "table_name", "record_id", "id")
  WHERE "status" IN ('QUEUED', 'PROCESSING');

-- The queue in acceptance order: workers read its head (a few thousand entries) to claim a batch.
CREATE INDEX "sync_operations_queue_idx" ON "sync_operations"("id") WHERE "status" IN ('QUEUED', 'PROCESSING');

-- Job progress (GET /jobs/:id_cola): a client's operations by queue job id.
CREATE INDEX "sync_operations_job_idx" ON "sync_operations"("client_id", "queue_id") WHERE "queue_id" IS NOT NULL;

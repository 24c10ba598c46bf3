-- Operations are looked up by status and age only while they are in flight (the stale sweep of
-- PROCESSING operations), yet the (status, updated_at) index held every operation: each write paid
-- an entry in it, an asynchronous one twice (accepted, then applied). It also misled the planner:
-- the workers' claim read the whole queue through it (a bitmap scan of 50,000 QUEUED operations,
-- 28 ms) instead of the queue's head in id order through sync_operations_queue_idx. Only
-- operations that are PROCESSING keep an entry now.
DROP INDEX IF EXISTS "sync_operations_status_updated_idx";
CREATE INDEX "sync_operations_processing_idx" ON "sync_operations"("updated_at") WHERE "status" = 'PROCESSING';

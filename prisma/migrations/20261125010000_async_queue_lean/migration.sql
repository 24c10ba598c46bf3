-- Asynchronous ingest, leaner: "does this record have operations waiting?" (the synchronous path's
-- check) is answered through sync_operations_lookup_idx, which every operation already enters, so an
-- accepted operation pays one index entry less. The workers claim through sync_operations_queue_idx.
DROP INDEX IF EXISTS "sync_operations_pending_idx";

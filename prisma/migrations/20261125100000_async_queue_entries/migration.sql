-- The asynchronous queue as entries (README "Asynchronous ingest"). Every accepted operation is still
-- logged QUEUED with its payload in sync_operations; what workers claim is now one `sync_queue` row
-- per accepted batch (its operations' ids), not each operation's row. Two costs go:
-- - a claim locked every operation row (FOR UPDATE SKIP LOCKED wrote each row's lock), now one
--   row per batch;
-- - applying an operation rewrote its row with a new entry in every index, because indexes were
--   partial on `status`. No index of sync_operations covers a column that completion writes
--   (status, note, updated_at, payload) any more, and pages keep half their space free
--   (fillfactor 50), so QUEUED -> COMPLETED is a HOT update: the row changes on its page, no index
--   is touched. Synchronous writes are inserted COMPLETED once and leave that space unused: their
--   rows take twice the pages (README "Asynchronous ingest").

-- One row per batch of QUEUED operations of a client and table, keyed by its first operation id:
-- workers claim the head in that order, and a record's operations apply in operation-id order.
CREATE TABLE "sync_queue" (
    "operation_id" BIGINT NOT NULL,
    "client_id" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "operation_ids" BIGINT[] NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_queue_pkey" PRIMARY KEY ("operation_id")
);

-- Operations already QUEUED join the queue as entries of at most 1,000, per client and table.
INSERT INTO "sync_queue" ("operation_id", "client_id", "table_name", "operation_ids", "size", "created_at")
SELECT min(id), client_id, table_name, array_agg(id ORDER BY id), count(*), min(created_at)
FROM (SELECT id, client_id, table_name, created_at,
             (row_number() OVER (PARTITION BY client_id, table_name ORDER BY id) - 1) / 1000 AS chunk
      FROM "sync_operations" WHERE "status" = 'QUEUED') q
GROUP BY client_id, table_name, chunk;

-- Operations written PROCESSING (resync's workers never commit that state: their claim is a lock)
-- are listed here by trigger, for the stale sweep and the gauges: a partial index on `status` would
-- make every QUEUED -> COMPLETED update a non-HOT one.
CREATE TABLE "sync_operations_processing" (
    "operation_id" BIGINT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_operations_processing_pkey" PRIMARY KEY ("operation_id")
);

CREATE FUNCTION "sync_operations_track_processing"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND NEW.status = 'PROCESSING' THEN
    INSERT INTO "sync_operations_processing" ("operation_id") VALUES (NEW.id) ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM "sync_operations_processing" WHERE "operation_id" = OLD.id;
  END IF;
  RETURN NULL;
END $$;

-- The WHEN conditions are evaluated without calling the function: other rows cost next to nothing.
CREATE TRIGGER "sync_operations_processing_in" AFTER INSERT OR UPDATE OF "status" ON "sync_operations"
  FOR EACH ROW WHEN (NEW.status = 'PROCESSING') EXECUTE FUNCTION "sync_operations_track_processing"();
CREATE TRIGGER "sync_operations_processing_out" AFTER UPDATE OF "status" ON "sync_operations"
  FOR EACH ROW WHEN (OLD.status = 'PROCESSING' AND NEW.status <> 'PROCESSING')
  EXECUTE FUNCTION "sync_operations_track_processing"();
CREATE TRIGGER "sync_operations_processing_gone" AFTER DELETE ON "sync_operations"
  FOR EACH ROW WHEN (OLD.status = 'PROCESSING') EXECUTE FUNCTION "sync_operations_track_processing"();

INSERT INTO "sync_operations_processing" ("operation_id", "since")
SELECT id, updated_at FROM "sync_operations" WHERE "status" = 'PROCESSING';

DROP INDEX IF EXISTS "sync_operations_queue_idx";
DROP INDEX IF EXISTS "sync_operations_processing_idx";
ALTER TABLE "sync_operations" SET (fillfactor = 50);

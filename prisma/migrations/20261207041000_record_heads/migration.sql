-- Retention (OPERATION_LOG_RETENTION, docs/operation-log.md) drops whole partitions of the
-- operation log. Before one goes, what the status decision table needs of it survives here, one
-- row per record: its newest retired operation (id, type, status, version, time) and its newest
-- retired operation that took effect (a stale one changed nothing), so that
-- - a record whose history was retired answers COMPLETED ("History archived"), not the ERROR of a
--   record whose operations were deleted behind the app's back (which has no row here);
-- - a record deleted and then purged is still known as deleted (lost-row detection).
-- Only records whose history was partly retired have a row: empty until retention first runs.
CREATE TABLE "sync_record_heads" (
    "client_id" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "operation_id" BIGINT NOT NULL,
    "operation" "OperationType" NOT NULL,
    "status" "OperationStatus" NOT NULL,
    "batch_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "applied_id" BIGINT,
    "applied" "OperationType",
    "archived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_record_heads_pkey" PRIMARY KEY ("client_id", "table_name", "record_id")
);

-- When a partition's heads were written (retention's first step) and when it was last exported
-- (npm run archive).
ALTER TABLE "sync_operation_partitions" ADD COLUMN "summarized_at" TIMESTAMPTZ(3);
ALTER TABLE "sync_operation_partitions" ADD COLUMN "archived_at" TIMESTAMPTZ(3);
-- When the partition was rewritten packed once its period was over (compaction).
ALTER TABLE "sync_operation_partitions" ADD COLUMN "compacted_at" TIMESTAMPTZ(3);

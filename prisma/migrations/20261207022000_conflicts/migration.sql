-- Issue 22: conflicts (docs/multi-device.md). A change sent with `base_ver` that finds the record at
-- another version, and cannot be merged, is logged CONFLICT: nothing was applied, and resending it
-- would conflict again (ERROR tells clients to resend).
ALTER TYPE "OperationStatus" ADD VALUE IF NOT EXISTS 'CONFLICT';

-- An example synced table with conflict policy `merge` and a counter field (`qty`): stock levels
-- that several tills of a store change at once.
CREATE TABLE "stock" (
    "_hash_id" TEXT NOT NULL,
    "_client_id" TEXT NOT NULL,
    "_ver" INTEGER NOT NULL DEFAULT 1,
    "data" JSONB NOT NULL DEFAULT '{}',
    "_created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_deleted" BOOLEAN NOT NULL DEFAULT false,
    "_deleted_at" TIMESTAMPTZ(3),
    "_xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT "stock_pkey" PRIMARY KEY ("_client_id","_hash_id")
);
CREATE INDEX "stock_client_created_idx" ON "stock"("_client_id", "_created_at" DESC);
CREATE INDEX "stock_tombstones_idx" ON "stock"("_deleted_at") WHERE "_deleted";
CREATE INDEX "stock_changes_idx" ON "stock"("_client_id", "_xid", "_hash_id");

-- With each operation sent with `base_ver`: that base (resends are recognised by it), and for a
-- merged write the record as merged (`merged`, kept like payloads only with AUDIT_PAYLOADS): the
-- content of the version it wrote, which a later three-way merge based on it needs. Nullable, no
-- default: nothing is rewritten, and no index covers them (HOT updates stay HOT).
ALTER TABLE "sync_operations" ADD COLUMN "base_ver" INTEGER;
ALTER TABLE "sync_operations" ADD COLUMN "merged" JSONB;

-- Issue 22: a shared synced table (docs/multi-device.md, "Shared tables"): the catalogue with
-- prices that head office publishes. Its rows belong to no store: their client id is the sentinel
-- '*shared*' (SHARED_CLIENT_ID, which no API key's client id can be). Written with the admin token,
-- served by every store's change feed, read-only for stores.
CREATE TABLE "producto" (
    "_hash_id" TEXT NOT NULL,
    "_client_id" TEXT NOT NULL,
    "_ver" INTEGER NOT NULL DEFAULT 1,
    "data" JSONB NOT NULL DEFAULT '{}',
    "_created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_deleted" BOOLEAN NOT NULL DEFAULT false,
    "_deleted_at" TIMESTAMPTZ(3),
    "_xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT "producto_pkey" PRIMARY KEY ("_client_id","_hash_id")
);
CREATE INDEX "producto_client_created_idx" ON "producto"("_client_id", "_created_at" DESC);
CREATE INDEX "producto_tombstones_idx" ON "producto"("_deleted_at") WHERE "_deleted";
CREATE INDEX "producto_changes_idx" ON "producto"("_client_id", "_xid", "_hash_id");

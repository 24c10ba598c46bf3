-- Issue 22: the change feed (GET /tables/{table}/changes, docs/multi-device.md).
-- Every synced-table row carries the id of the transaction that last wrote it (`_xid`): the
-- default on insert, and every upsert's SET list on update. A pull reads only rows whose `_xid` is
-- below its snapshot's xmin (all committed, and no transaction still running can commit below it),
-- in (`_xid`, `_hash_id`) order, so a cursor is never overtaken by a late commit.
-- The column is added with a constant default first (no table rewrite): rows written before the
-- feed existed sort before any cursor, so a first pull gets them and no cursor can have passed them.
ALTER TABLE "venta" ADD COLUMN "_xid" xid8 NOT NULL DEFAULT '1'::xid8;
ALTER TABLE "venta" ALTER COLUMN "_xid" SET DEFAULT pg_current_xact_id();
CREATE INDEX "venta_changes_idx" ON "venta" ("_client_id", "_xid", "_hash_id");

ALTER TABLE "devolucion" ADD COLUMN "_xid" xid8 NOT NULL DEFAULT '1'::xid8;
ALTER TABLE "devolucion" ALTER COLUMN "_xid" SET DEFAULT pg_current_xact_id();
CREATE INDEX "devolucion_changes_idx" ON "devolucion" ("_client_id", "_xid", "_hash_id");

-- The feed's horizon per client and table: the newest `_xid` among the tombstones the purge
-- deleted. A cursor below it may have missed a deletion: the feed answers 410 cursor_expired.
CREATE TABLE "sync_feed_horizons" (
    "client_id" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "purged_xid" xid8 NOT NULL,
    "purged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sync_feed_horizons_pkey" PRIMARY KEY ("client_id", "table_name")
);

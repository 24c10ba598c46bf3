-- Tombstones: a DELETE keeps the row with `_deleted = true` and the version it was deleted at, so a
-- late or replayed older CREATE/UPDATE cannot resurrect it (see README "Deleted records stay deleted").
-- Every reader of synced rows treats a tombstone as absent.
ALTER TABLE "venta" ADD COLUMN "_deleted" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "venta" ADD COLUMN "_deleted_at" TIMESTAMPTZ(3);
ALTER TABLE "devolucion" ADD COLUMN "_deleted" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "devolucion" ADD COLUMN "_deleted_at" TIMESTAMPTZ(3);

-- The purge job finds expired tombstones through these; live rows are not in them, so inserts pay nothing.
-- (Partial indexes are kept by Prisma when its partialIndexes preview feature is off.)
CREATE INDEX "venta_tombstones_idx" ON "venta"("_deleted_at") WHERE "_deleted";
CREATE INDEX "devolucion_tombstones_idx" ON "devolucion"("_deleted_at") WHERE "_deleted";


-- CreateIndex
CREATE INDEX "sync_outbox_record_idx" ON "sync_outbox"("client_id", "table_name", "record_id", "id");

-- CreateIndex
CREATE INDEX "sync_failures_record_idx" ON "sync_failures"("client_id", "table_name", "record_id");

-- CreateIndex
CREATE INDEX "sync_failures_created_at_idx" ON "sync_failures"("created_at");

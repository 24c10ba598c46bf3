-- The audit trail keeps what each operation carried: the record's own fields exactly as the client
-- sent them (NULL for a DELETE, for an operation rejected before it could be read, and when
-- AUDIT_PAYLOADS=false). Nullable with no default, so adding it rewrites nothing.
ALTER TABLE "sync_operations" ADD COLUMN "payload" JSONB;

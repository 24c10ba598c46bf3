-- Issue 22: the device a request named (X-Device-Id), kept with each operation it logged. Nullable
-- with no default: adding it rewrites nothing, and requests without the header log NULL as before.
-- No index covers it (applying a QUEUED operation must stay a HOT update).
ALTER TABLE "sync_operations" ADD COLUMN "device_id" TEXT;

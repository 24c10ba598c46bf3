-- sync_failures was the only table with TIMESTAMP columns (holding UTC); every other table uses
-- TIMESTAMPTZ. Converting reads the stored values as UTC, so no point in time moves.
ALTER TABLE "sync_failures"
  ALTER COLUMN "last_retry_at" TYPE TIMESTAMPTZ(3) USING "last_retry_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "created_at"    TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "updated_at"    TYPE TIMESTAMPTZ(3) USING "updated_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "next_retry_at" TYPE TIMESTAMPTZ(3) USING "next_retry_at" AT TIME ZONE 'UTC';

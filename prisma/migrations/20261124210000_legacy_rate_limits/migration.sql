-- The original protocol's rate limit (LEGACY_RATE_LIMIT batches per client per LEGACY_RATE_WINDOW),
-- shared by every instance: one row per client holding its current window and how many batches it
-- has used, advanced and counted by one atomic upsert.
CREATE TABLE "legacy_rate_limits" (
    "client_id" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "used" INTEGER NOT NULL,

    CONSTRAINT "legacy_rate_limits_pkey" PRIMARY KEY ("client_id")
);

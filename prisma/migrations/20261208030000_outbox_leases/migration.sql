-- Outbox delivery claims one lease row per round (the ids it holds) instead of setting
-- claimed_until on every entry, and finds a record's oldest entry in the outbox's head instead of
-- through a per-record index: each change then costs the outbox one insert and one delete
-- (docs/external-sync.md "How delivery works"). An instance still running the previous version
-- fails its claims (claimed_until is gone) instead of delivering entries another instance leased.
CREATE TABLE "sync_outbox_leases" (
    "id" BIGSERIAL NOT NULL,
    "ids" BIGINT[] NOT NULL,
    "claimed_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_outbox_leases_pkey" PRIMARY KEY ("id")
);

DROP INDEX "sync_outbox_record_idx";

ALTER TABLE "sync_outbox" DROP COLUMN "claimed_until";

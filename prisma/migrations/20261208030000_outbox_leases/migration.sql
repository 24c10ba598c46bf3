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

-- The payload is kept as the JSON text ingest wrote (json, not jsonb): written without a
-- conversion, and sent as it is.
ALTER TABLE "sync_outbox" ALTER COLUMN "payload" TYPE JSON USING "payload"::json;

-- The claim (OutboxRepository.claim), one round trip: the function takes the transaction-scoped
-- advisory lock 7340008 (LockKey.OutboxClaim), then runs its query with a snapshot taken after the
-- lock (each statement of a volatile function takes a new one), so it sees every lease committed by
-- the claim before it. The lock is held until the calling statement's transaction ends, after the
-- new lease row commits. The head: the outbox's first entries by id whose record has no open sync
-- failure, as many as are leased plus twice the claim; an entry is its record's oldest when no
-- entry of the record comes before it in the head. Expired leases (an instance died) go.
CREATE FUNCTION "sync_outbox_claim"(now TIMESTAMPTZ, lease_until TIMESTAMPTZ, max_entries INTEGER)
RETURNS TABLE (lease_id TEXT, id TEXT, operation_id TEXT, table_name TEXT, client_id TEXT, record_id TEXT,
               action TEXT, payload TEXT)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  PERFORM pg_advisory_xact_lock(7340008);
  RETURN QUERY
  WITH expired AS (DELETE FROM sync_outbox_leases WHERE claimed_until < sync_outbox_claim.now),
  held AS MATERIALIZED (SELECT unnest(l.ids) AS id FROM sync_outbox_leases l WHERE l.claimed_until >= sync_outbox_claim.now),
  head AS MATERIALIZED (
    SELECT o.id, o.client_id, o.table_name, o.record_id FROM sync_outbox o
    WHERE NOT EXISTS (SELECT 1 FROM sync_failures s
                      WHERE s.client_id = o.client_id AND s.table_name = o.table_name AND s.record_id = o.record_id)
    ORDER BY o.id LIMIT (SELECT count(*) FROM held) + 2 * sync_outbox_claim.max_entries),
  firsts AS (SELECT min(h.id) AS id, h.client_id, h.table_name, h.record_id FROM head h
             GROUP BY h.client_id, h.table_name, h.record_id),
  picked AS MATERIALIZED (
    SELECT f.id FROM firsts f
    WHERE NOT EXISTS (SELECT 1 FROM held x WHERE x.id = f.id)
    ORDER BY f.id LIMIT sync_outbox_claim.max_entries),
  lease AS (
    INSERT INTO sync_outbox_leases (ids, claimed_until)
    SELECT array_agg(p.id ORDER BY p.id), sync_outbox_claim.lease_until FROM picked p HAVING count(*) > 0 RETURNING id)
  SELECT (SELECT id FROM lease)::text AS lease_id, o.id::text AS id, o.operation_id::text AS operation_id,
         o.table_name, o.client_id, o.record_id, o.action::text AS action, o.payload::text AS payload
  FROM sync_outbox o WHERE o.id IN (SELECT id FROM picked) ORDER BY o.id;
END $$;

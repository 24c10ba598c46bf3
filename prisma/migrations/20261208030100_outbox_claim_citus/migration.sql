-- sync_outbox_claim without a subquery in LIMIT: Citus refuses one in a query over a distributed
-- table ("subquery in LIMIT is not supported in multi-shard queries"). The expired leases go and
-- the held ids are counted first, in statements of their own; the claim's query then reads the
-- same leases (the advisory lock is held, so no other claim writes one in between). Same result
-- on plain PostgreSQL.
CREATE OR REPLACE FUNCTION "sync_outbox_claim"(now TIMESTAMPTZ, lease_until TIMESTAMPTZ, max_entries INTEGER)
RETURNS TABLE (lease_id TEXT, id TEXT, operation_id TEXT, table_name TEXT, client_id TEXT, record_id TEXT,
               action TEXT, payload TEXT)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  held_ids BIGINT[];
BEGIN
  PERFORM pg_advisory_xact_lock(7340008);
  DELETE FROM sync_outbox_leases l WHERE l.claimed_until < sync_outbox_claim.now;
  SELECT coalesce(array_agg(x.id), '{}') INTO held_ids
  FROM (SELECT unnest(l.ids) AS id FROM sync_outbox_leases l) x;
  RETURN QUERY
  WITH head AS MATERIALIZED (
    SELECT o.id, o.client_id, o.table_name, o.record_id FROM sync_outbox o
    WHERE NOT EXISTS (SELECT 1 FROM sync_failures s
                      WHERE s.client_id = o.client_id AND s.table_name = o.table_name AND s.record_id = o.record_id)
    ORDER BY o.id LIMIT cardinality(held_ids) + 2 * sync_outbox_claim.max_entries),
  firsts AS (SELECT min(h.id) AS id, h.client_id, h.table_name, h.record_id FROM head h
             GROUP BY h.client_id, h.table_name, h.record_id),
  picked AS MATERIALIZED (
    SELECT f.id FROM firsts f
    WHERE NOT (f.id = ANY(held_ids))
    ORDER BY f.id LIMIT sync_outbox_claim.max_entries),
  lease AS (
    INSERT INTO sync_outbox_leases (ids, claimed_until)
    SELECT array_agg(p.id ORDER BY p.id), sync_outbox_claim.lease_until FROM picked p HAVING count(*) > 0 RETURNING id)
  SELECT (SELECT id FROM lease)::text AS lease_id, o.id::text AS id, o.operation_id::text AS operation_id,
         o.table_name, o.client_id, o.record_id, o.action::text AS action, o.payload::text AS payload
  FROM sync_outbox o WHERE o.id IN (SELECT id FROM picked) ORDER BY o.id;
END $$;

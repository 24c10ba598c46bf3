import { Injectable } from '@nestjs/common';
import { LockKey, OperationType, Prepared, PrismaService } from '@app/database';

export interface ClaimedOutboxEntry {
  /** The lease the round holds these entries under (sync_outbox_leases.id), its token for settle and release. */
  lease_id: string;
  id: string;
  operation_id: string;
  table_name: string;
  client_id: string;
  record_id: string;
  action: OperationType;
  /** The payload's JSON text as ingest wrote it: sent as it is, never parsed. */
  payload: string;
}

/**
 * The claim, in the transaction that holds LockKey.OutboxClaim (claims are serialised, so each
 * sees the leases committed before it). The head: the outbox's first entries by id whose record
 * has no open sync failure (those wait whole, however many, and take no room), as many as are
 * leased plus twice the claim. An entry is its record's oldest when no entry of the record comes
 * before it in the head, since every earlier entry of the record is there. The claim takes such
 * entries that no lease holds. One lease row holds the round's ids: claiming writes one row, not
 * one per entry (no per-record index either). Expired leases (an instance died) go.
 */
const CLAIM: Prepared = {
  name: 'resync_outbox_claim',
  text: `
  WITH expired AS (DELETE FROM sync_outbox_leases WHERE claimed_until < $1),
  held AS MATERIALIZED (SELECT unnest(l.ids) AS id FROM sync_outbox_leases l WHERE l.claimed_until >= $1),
  head AS MATERIALIZED (
    SELECT o.id, o.client_id, o.table_name, o.record_id FROM sync_outbox o
    WHERE NOT EXISTS (SELECT 1 FROM sync_failures s
                      WHERE s.client_id = o.client_id AND s.table_name = o.table_name AND s.record_id = o.record_id)
    ORDER BY o.id LIMIT (SELECT count(*) FROM held) + 2 * $3::int),
  firsts AS (SELECT min(h.id) AS id, h.client_id, h.table_name, h.record_id FROM head h
             GROUP BY h.client_id, h.table_name, h.record_id),
  picked AS MATERIALIZED (
    SELECT f.id FROM firsts f
    WHERE NOT EXISTS (SELECT 1 FROM held x WHERE x.id = f.id)
    ORDER BY f.id LIMIT $3::int),
  lease AS (
    INSERT INTO sync_outbox_leases (ids, claimed_until)
    SELECT array_agg(p.id ORDER BY p.id), $2 FROM picked p HAVING count(*) > 0 RETURNING id)
  SELECT (SELECT id FROM lease)::text AS lease_id, o.id::text AS id, o.operation_id::text AS operation_id,
         o.table_name, o.client_id, o.record_id, o.action::text AS action, o.payload::text AS payload
  FROM sync_outbox o WHERE o.id IN (SELECT id FROM picked) ORDER BY o.id`,
};

/** sync_outbox and its leases, for the dispatcher (OutboxWriter writes the entries). */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Leases up to `limit` entries, oldest first, until `leaseUntil` (CLAIM). Instances claim
   * disjoint sets; only a record's oldest entry, and only while the record has no open sync
   * failure, so the external system receives each record's changes in order: the next entry
   * becomes claimable in the commit that removes the previous one (or turns it into a failure,
   * whose retry then goes first).
   */
  claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedOutboxEntry[]> {
    return this.prisma.pgTransaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${LockKey.OutboxClaim})`);
      return (await tx.query<ClaimedOutboxEntry>(CLAIM, [now, leaseUntil, limit])).rows;
    });
  }

  /** Ends a lease (its entries not removed are claimable at once): a round gives back what it never attempted. */
  async release(leaseId: string): Promise<void> {
    await this.prisma.sql(`DELETE FROM sync_outbox_leases WHERE id = $1::bigint`, [leaseId]);
  }
}

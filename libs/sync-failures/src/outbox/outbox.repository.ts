import { Injectable } from '@nestjs/common';
import { OperationType, Prepared, PrismaService } from '@app/database';

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
 * The claim: the database function sync_outbox_claim (migration 20261208030000_outbox_leases), one
 * round trip. It takes LockKey.OutboxClaim (claims are serialised, so each sees the leases
 * committed before it), then reads the head: the outbox's first entries by id whose record has no
 * open sync failure (those wait whole, however many, and take no room), as many as are leased plus
 * twice the claim. An entry is its record's oldest when no entry of the record comes before it in
 * the head, since every earlier entry of the record is there; it takes such entries that no lease
 * holds. One lease row holds the round's ids: claiming writes one row, not one per entry (no
 * per-record index either). Expired leases (an instance died) go.
 */
const CLAIM: Prepared = {
  name: 'resync_outbox_claim',
  text: 'SELECT lease_id, id, operation_id, table_name, client_id, record_id, action, payload FROM sync_outbox_claim($1, $2, $3)',
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
    return this.prisma.sql<ClaimedOutboxEntry>(CLAIM, [now, leaseUntil, limit]);
  }

  /** Ends a lease (its entries not removed are claimable at once): a round gives back what it never attempted. */
  async release(leaseId: string): Promise<void> {
    await this.prisma.sql(`DELETE FROM sync_outbox_leases WHERE id = $1::bigint`, [leaseId]);
  }
}

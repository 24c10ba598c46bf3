import { Injectable } from '@nestjs/common';
import { OperationType, PrismaService } from '@app/database';

export interface ClaimedOutboxEntry {
  id: bigint;
  operation_id: bigint;
  table_name: string;
  client_id: string;
  record_id: string;
  action: OperationType;
  payload: Record<string, unknown>;
}

/** sync_outbox for the dispatcher (OutboxWriter writes it). */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Leases up to `limit` entries, oldest first, by setting claimed_until in the statement that
   * locks them (SKIP LOCKED: instances claim disjoint sets). Only a record's oldest entry, and only
   * while the record has no open sync failure, so the external system receives each record's
   * changes in order; the next entry becomes claimable in the commit that removes the previous one
   * (or turns it into a failure, whose retry then goes first).
   */
  async claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedOutboxEntry[]> {
    const rows = await this.prisma.$queryRaw<ClaimedOutboxEntry[]>`
      UPDATE sync_outbox SET claimed_until = ${leaseUntil}
      WHERE id IN (
        SELECT o.id FROM sync_outbox o
        WHERE (o.claimed_until IS NULL OR o.claimed_until < ${now})
          AND NOT EXISTS (SELECT 1 FROM sync_outbox e
                          WHERE e.client_id = o.client_id AND e.table_name = o.table_name AND e.record_id = o.record_id AND e.id < o.id)
          AND NOT EXISTS (SELECT 1 FROM sync_failures f
                          WHERE f.client_id = o.client_id AND f.table_name = o.table_name AND f.record_id = o.record_id)
        ORDER BY o.id LIMIT ${limit}
        FOR UPDATE OF o SKIP LOCKED)
      RETURNING id, operation_id, table_name, client_id, record_id, action::text AS action, payload`;
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Gives back entries claimed but never attempted (shutdown), so any instance takes them at once. */
  async release(ids: bigint[], leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.$executeRaw`
      UPDATE sync_outbox SET claimed_until = NULL WHERE id = ANY(${ids}::bigint[]) AND claimed_until = ${leaseUntil}`;
  }
}

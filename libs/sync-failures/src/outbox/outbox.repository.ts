import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { claimByClient, OperationType, Prisma, PrismaService } from '@app/database';

/** An entry `o` any instance may claim at `now`: not leased, its record's oldest, and the record without an open failure. */
const claimable = (now: Date) => Prisma.sql`(o.claimed_until IS NULL OR o.claimed_until < ${now})
  AND NOT EXISTS (SELECT 1 FROM sync_outbox e
                  WHERE e.client_id = o.client_id AND e.table_name = o.table_name AND e.record_id = o.record_id AND e.id < o.id)
  AND NOT EXISTS (SELECT 1 FROM sync_failures f
                  WHERE f.client_id = o.client_id AND f.table_name = o.table_name AND f.record_id = o.record_id)`;

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
  /** DATABASE_ENGINE=citus: a claim locks one client's entries at a time (claimByClient). */
  private readonly perClient: boolean;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perClient = config.databaseEngine === 'citus';
  }

  /**
   * Leases up to `limit` entries, oldest first, by setting claimed_until in the statement that
   * locks them (SKIP LOCKED: instances claim disjoint sets). Only a record's oldest entry, and only
   * while the record has no open sync failure, so the external system receives each record's
   * changes in order; the next entry becomes claimable in the commit that removes the previous one
   * (or turns it into a failure, whose retry then goes first). On Citus, client by client: the
   * clients of the `limit` oldest claimable entries (read without locks), oldest first, each
   * claimed by the same statement for that client alone.
   */
  async claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedOutboxEntry[]> {
    if (!this.perClient) return this.claimOf(undefined, now, leaseUntil, limit);
    const clients = await this.prisma.$queryRaw<{ client_id: string }[]>`
      SELECT client_id FROM (
        SELECT o.client_id, o.id FROM sync_outbox o WHERE ${claimable(now)} ORDER BY o.id LIMIT ${limit}) w
      GROUP BY client_id ORDER BY min(id)`;
    const claimed = await claimByClient(
      clients.map((c) => c.client_id),
      limit,
      (clientId, room) => this.claimOf(clientId, now, leaseUntil, room),
    );
    return claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The claim, of one client's entries only when `clientId` is given. */
  private async claimOf(
    clientId: string | undefined,
    now: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<ClaimedOutboxEntry[]> {
    const client = (alias: string) =>
      clientId === undefined ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(alias)}.client_id = ${clientId}`;
    // The enum's text outside RETURNING: Citus refuses a function that is not IMMUTABLE there (enum_out is STABLE).
    const rows = await this.prisma.$queryRaw<ClaimedOutboxEntry[]>`
      WITH claimed AS (
        UPDATE sync_outbox u SET claimed_until = ${leaseUntil}
        WHERE u.id IN (
          SELECT o.id FROM sync_outbox o
          WHERE ${claimable(now)} ${client('o')}
          ORDER BY o.id LIMIT ${limit}
          FOR UPDATE OF o SKIP LOCKED) ${client('u')}
        RETURNING u.id, u.operation_id, u.table_name, u.client_id, u.record_id, u.action, u.payload)
      SELECT id, operation_id, table_name, client_id, record_id, action::text AS action, payload FROM claimed`;
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Gives back entries claimed but never attempted (shutdown), so any instance takes them at once. */
  async release(ids: bigint[], leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.$executeRaw`
      UPDATE sync_outbox SET claimed_until = NULL WHERE id = ANY(${ids}::bigint[]) AND claimed_until = ${leaseUntil}`;
  }
}

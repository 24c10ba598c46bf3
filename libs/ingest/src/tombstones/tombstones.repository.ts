import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, Tx } from '@app/database';

@Injectable()
export class TombstonesRepository {
  /**
   * Deletes up to `limit` tombstones of `table` deleted before `cutoff`; returns how many. Rows are
   * locked with SKIP LOCKED, and the outer condition is re-checked on the locked row, so a record
   * brought back meanwhile (no longer `_deleted`) is never purged. In the same statement each
   * client's feed horizon (sync_feed_horizons) rises to the newest `_xid` purged: a change-feed
   * cursor not past it may have missed a deletion (410 cursor_expired, libs/changes).
   */
  async purge(tx: Tx, table: SyncedTableName, cutoff: Date, limit: number, clientId?: string): Promise<number> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    // One client's tombstones only when `clientId` is given (Citus: a lock may not span shards).
    const client = (alias: string) =>
      clientId === undefined ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(alias)}._client_id = ${clientId}`;
    const [{ purged }] = await tx.$queryRaw<{ purged: number }[]>`
      WITH purged AS (
        DELETE FROM ${target} t
        WHERE t._deleted AND t._deleted_at < ${cutoff} ${client('t')}
          AND (t._client_id, t._hash_id) IN (
            SELECT s._client_id, s._hash_id FROM ${target} s
            WHERE s._deleted AND s._deleted_at < ${cutoff} ${client('s')}
            LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING t._client_id, t._xid),
      horizon AS (
        INSERT INTO sync_feed_horizons AS f (client_id, table_name, purged_xid, purged_at)
        SELECT p._client_id, ${table}, max(p._xid), now() FROM purged p GROUP BY p._client_id
        ON CONFLICT (client_id, table_name) DO UPDATE
          SET purged_xid = greatest(f.purged_xid, EXCLUDED.purged_xid), purged_at = EXCLUDED.purged_at)
      SELECT count(*)::int AS purged FROM purged`;
    return purged;
  }

  /**
   * The clients with tombstones of `table` deleted before `cutoff` (of the `limit` found first, read
   * without locks, by the partial index <table>_tombstones_idx): what a per-client purge goes through.
   */
  async clientsWithExpired(tx: Tx, table: SyncedTableName, cutoff: Date, limit: number): Promise<string[]> {
    const target = Prisma.raw(`"${table}"`);
    const rows = await tx.$queryRaw<{ client_id: string }[]>`
      SELECT DISTINCT w._client_id AS client_id FROM (
        SELECT s._client_id FROM ${target} s WHERE s._deleted AND s._deleted_at < ${cutoff} LIMIT ${limit}) w
      ORDER BY 1`;
    return rows.map((r) => r.client_id);
  }
}

import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prepared, PrismaService } from '@app/database';
import { FeedPosition } from './change-cursor';

export interface ChangeRow {
  /** The snapshot's xmin: every row below it is committed, and no later commit can land below it. */
  horizon: string;
  /** The newest `_xid` of this client's purged tombstones (null: none purged). */
  purged: string | null;
  /** Null when the page is empty (the one row then only carries horizon and purged). */
  hash_id: string | null;
  ver: number | null;
  data: Record<string, unknown> | null;
  deleted: boolean | null;
  updated_at: Date | null;
  xid: string | null;
}

/**
 * One page of the feed, in one statement so that the horizon, the purge horizon and the rows come
 * from one snapshot: a tombstone purged after the snapshot is still read; one purged before it
 * has raised `purged`. Rows whose `_xid` is not below the snapshot's xmin wait for a later pull
 * (their transaction may not have committed yet, or an older one may still commit below them).
 * Index: <table>_changes_idx (_client_id, _xid, _hash_id), the row comparison its range.
 */
export function pageSql(table: SyncedTableName): string {
  const target = `"${table}"`; // from the SYNCED_TABLES registry, never from a request
  return `
    WITH h AS MATERIALIZED (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
             (SELECT f.purged_xid FROM sync_feed_horizons f WHERE f.client_id = $1 AND f.table_name = $2) AS purged)
    SELECT h.xmin::text AS horizon, h.purged::text AS purged,
           c._hash_id AS hash_id, c._ver AS ver, c.data, c._deleted AS deleted, c._updated_at AS updated_at, c._xid::text AS xid
    FROM h LEFT JOIN LATERAL (
      SELECT t._hash_id, t._ver, t.data, t._deleted, t._updated_at, t._xid FROM ${target} t
      WHERE t._client_id = $1 AND (t._xid, t._hash_id) > ($3::xid8, $4::text) AND t._xid < h.xmin
        AND ($5::boolean OR NOT t._deleted)
      ORDER BY t._xid, t._hash_id
      LIMIT $6) c ON true
    ORDER BY c._xid, c._hash_id`;
}

@Injectable()
export class ChangesRepository {
  private readonly statements = new Map<SyncedTableName, Prepared>();

  constructor(private readonly prisma: PrismaService) {}

  /**
   * Up to `limit` rows of `clientId` in `table` after `after`, in feed order; tombstones only
   * when `withTombstones` (a first pull has no use for them).
   */
  page(
    clientId: string,
    table: SyncedTableName,
    after: FeedPosition,
    withTombstones: boolean,
    limit: number,
  ): Promise<ChangeRow[]> {
    return this.prisma.sql<ChangeRow>(this.statement(table), [
      clientId,
      table,
      after.xid,
      after.hashId,
      withTombstones,
      limit,
    ]);
  }

  private statement(table: SyncedTableName): Prepared {
    let statement = this.statements.get(table);
    if (statement === undefined)
      this.statements.set(table, (statement = { name: `resync_changes_${table}`, text: pageSql(table) }));
    return statement;
  }
}

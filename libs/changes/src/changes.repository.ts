import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prepared, PrismaService } from '@app/database';
import { FeedPosition } from './change-cursor';

/** One page of the feed, as the statement answers it (one row). */
export interface PageRow {
  /** The snapshot's xmin: every row below it is committed, and no later commit can land below it. */
  horizon: string;
  /** The newest `_xid` of this client's purged tombstones (null: none purged). */
  purged: string | null;
  /** Rows found, up to the limit + 1 (one more tells that more are waiting). */
  found: number;
  /** The page's changes as a JSON array (text, passed to the answer as is). */
  changes: string;
  /** The position of the page's last change, when the page is full. */
  last_xid: string | null;
  last_id: string | null;
}

/**
 * One page of the feed, in one statement so that the horizon, the purge horizon and the rows come
 * from one snapshot: a tombstone purged after the snapshot is still read; one purged before it
 * has raised `purged`. Rows whose `_xid` is not below the snapshot's xmin wait for a later pull
 * (their transaction may not have committed yet, or an older one may still commit below them).
 * Index: <table>_changes_idx (_client_id, _xid, _hash_id), the row comparison its range.
 * PostgreSQL writes the page's JSON itself (ChangeDto's shape): parsing each row's jsonb into
 * objects and serializing them again cost the app more than the query (bench pull-1000).
 */
export function pageSql(table: SyncedTableName): string {
  const target = `"${table}"`; // from the SYNCED_TABLES registry, never from a request
  return `
    WITH h AS MATERIALIZED (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
             (SELECT f.purged_xid FROM sync_feed_horizons f WHERE f.client_id = $1 AND f.table_name = $2) AS purged),
    page AS MATERIALIZED (
      SELECT s.*, row_number() OVER (ORDER BY s._xid, s._hash_id) AS k FROM (
        SELECT t._hash_id, t._ver, t.data, t._deleted, t._updated_at, t._xid FROM ${target} t
        WHERE t._client_id = $1 AND (t._xid, t._hash_id) > ($3::xid8, $4::text) AND t._xid < (SELECT xmin FROM h)
          AND ($5::boolean OR NOT t._deleted)
        ORDER BY t._xid, t._hash_id
        LIMIT $6::int + 1) s)
    SELECT h.xmin::text AS horizon, h.purged::text AS purged,
           (SELECT count(*) FROM page)::int AS found,
           coalesce((SELECT json_agg(json_build_object(
               'id', p._hash_id, 'ver', p._ver, 'data', CASE WHEN p._deleted THEN NULL ELSE p.data END,
               'deleted', p._deleted,
               'updated_at', to_char(p._updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY p.k)
             FROM page p WHERE p.k <= $6)::text, '[]') AS changes,
           (SELECT p._xid::text FROM page p WHERE p.k = $6) AS last_xid,
           (SELECT p._hash_id FROM page p WHERE p.k = $6) AS last_id
    FROM h`;
}

@Injectable()
export class ChangesRepository {
  private readonly statements = new Map<SyncedTableName, Prepared>();

  constructor(private readonly prisma: PrismaService) {}

  /**
   * Up to `limit` rows of `clientId` in `table` after `after`, in feed order; tombstones only
   * when `withTombstones` (a first pull has no use for them).
   */
  async page(
    clientId: string,
    table: SyncedTableName,
    after: FeedPosition,
    withTombstones: boolean,
    limit: number,
  ): Promise<PageRow> {
    const [row] = await this.prisma.sql<PageRow>(this.statement(table), [
      clientId,
      table,
      after.xid,
      after.hashId,
      withTombstones,
      limit,
    ]);
    return row;
  }

  private statement(table: SyncedTableName): Prepared {
    let statement = this.statements.get(table);
    if (statement === undefined)
      this.statements.set(table, (statement = { name: `resync_changes_${table}`, text: pageSql(table) }));
    return statement;
  }
}

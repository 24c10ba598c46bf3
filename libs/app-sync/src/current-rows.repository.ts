import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Tx } from '@app/database';

/** A record's state on the server: live or a tombstone, its version and the transaction that wrote it. */
export interface CurrentRow {
  id: string;
  ver: number;
  deleted: boolean;
  data: Record<string, unknown> | null;
  /** `_xid`: the writing transaction, as decimal text (the feed's order). */
  xid: string;
}

@Injectable()
export class CurrentRowsRepository {
  /**
   * The current rows of `ids`, locked (FOR UPDATE, in id order so concurrent pushes lock in one
   * order) until the caller's transaction ends: the versions it assigns and the conflicts it
   * decides cannot be overtaken by another writer of the same records. A record with no row is
   * not locked: two pushes creating it race in the ingest statement, which tells (outcome
   * `duplicate`).
   */
  async lock(tx: Tx, clientId: string, table: SyncedTableName, ids: string[]): Promise<Map<string, CurrentRow>> {
    if (ids.length === 0) return new Map();
    const target = `"${table}"`; // from the SYNCED_TABLES registry, never from a request
    const rows = await tx.$queryRawUnsafe<CurrentRow[]>(
      `SELECT t._hash_id AS id, t._ver AS ver, t._deleted AS deleted, t.data, t._xid::text AS xid
       FROM ${target} t WHERE t._client_id = $1 AND t._hash_id = ANY($2::text[])
       ORDER BY t._hash_id FOR UPDATE`,
      clientId,
      ids,
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, Tx } from '@app/database';
import { Change } from './change';

/** What a change did to its row. */
export type Outcome = 'created' | 'updated' | 'upserted' | 'deleted' | 'duplicate' | 'stale' | 'already_deleted';

@Injectable()
export class IngestRepository {
  /**
   * Applies changes to distinct records of one client in ONE statement; all parts see one snapshot.
   * - CREATE inserts, or leaves an existing row untouched (duplicate).
   * - UPDATE upserts unless the stored `_ver` is newer (stale); `xmax = 0` tells an insert.
   * - DELETE deletes unless the stored `_ver` is newer (stale), or finds nothing (already deleted).
   * Rows are taken in id order so that concurrent batches lock in the same order.
   * Arrays, not one bind parameter per value: no batch nears PostgreSQL's 65,535-parameter limit.
   */
  async applyDistinct(tx: Tx, clientId: string, table: SyncedTableName, changes: Change[]): Promise<Outcome[]> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    const rows = await tx.$queryRaw<{ idx: number; outcome: Outcome }[]>`
      WITH input AS (
        SELECT * FROM unnest(${changes.map((c) => c.operation)}::text[], ${changes.map((c) => c.id)}::text[],
                             ${changes.map((c) => c.ver)}::int[], ${changes.map((c) => (c.fields ? JSON.stringify(c.fields) : null))}::text[])
                      WITH ORDINALITY AS i(op, hash_id, ver, data, idx)),
      created AS (
        INSERT INTO ${target} AS t (_client_id, _hash_id, _ver, data)
        SELECT ${clientId}, i.hash_id, i.ver, i.data::jsonb FROM input i WHERE i.op = 'CREATE' ORDER BY i.hash_id
        ON CONFLICT (_client_id, _hash_id) DO NOTHING
        RETURNING t._hash_id),
      updated AS (
        INSERT INTO ${target} AS t (_client_id, _hash_id, _ver, data)
        SELECT ${clientId}, i.hash_id, i.ver, i.data::jsonb FROM input i WHERE i.op = 'UPDATE' ORDER BY i.hash_id
        ON CONFLICT (_client_id, _hash_id) DO UPDATE SET data = EXCLUDED.data, _ver = EXCLUDED._ver, _updated_at = now()
          WHERE t._ver <= EXCLUDED._ver
        RETURNING t._hash_id, (t.xmax = 0) AS inserted),
      deleted AS (
        DELETE FROM ${target} t USING input i
        WHERE i.op = 'DELETE' AND t._client_id = ${clientId} AND t._hash_id = i.hash_id AND t._ver <= i.ver
        RETURNING t._hash_id),
      kept AS (
        SELECT i.hash_id FROM input i JOIN ${target} t ON t._client_id = ${clientId} AND t._hash_id = i.hash_id
        WHERE i.op = 'DELETE' AND t._ver > i.ver)
      SELECT i.idx::int AS idx,
             CASE i.op
               WHEN 'CREATE' THEN CASE WHEN c._hash_id IS NULL THEN 'duplicate' ELSE 'created' END
               WHEN 'UPDATE' THEN CASE WHEN u._hash_id IS NULL THEN 'stale' WHEN u.inserted THEN 'upserted' ELSE 'updated' END
               ELSE CASE WHEN d._hash_id IS NOT NULL THEN 'deleted' WHEN k.hash_id IS NOT NULL THEN 'stale' ELSE 'already_deleted' END
             END AS outcome
      FROM input i
      LEFT JOIN created c ON i.op = 'CREATE' AND c._hash_id = i.hash_id
      LEFT JOIN updated u ON i.op = 'UPDATE' AND u._hash_id = i.hash_id
      LEFT JOIN deleted d ON i.op = 'DELETE' AND d._hash_id = i.hash_id
      LEFT JOIN kept k ON i.op = 'DELETE' AND k.hash_id = i.hash_id
      ORDER BY i.idx`;
    return rows.map((r) => r.outcome);
  }
}

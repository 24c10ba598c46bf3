import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, Tx } from '@app/database';
import { OperationNote } from '@app/operations';
import { Change } from './change';

/** What a change did to its row. */
export type Outcome = 'created' | 'updated' | 'upserted' | 'deleted' | 'duplicate' | 'stale' | 'already_deleted';

export interface Applied {
  outcome: Outcome;
  operationId: bigint;
}

/** A Prisma client or transaction: the statement below is atomic on its own. */
type Queryable = Pick<Tx, '$queryRaw'>;

@Injectable()
export class IngestRepository {
  /**
   * Applies changes to distinct records of one client AND logs their COMPLETED operations, in ONE
   * statement: atomic without an explicit transaction, one round trip, and a change can never be
   * seen without its operation. All parts read one snapshot.
   * - CREATE inserts, or leaves an existing row untouched (duplicate).
   * - UPDATE upserts unless the stored `_ver` is newer (stale); `xmax = 0` tells an insert.
   * - DELETE deletes unless the stored `_ver` is newer (stale), or finds nothing (already deleted).
   * The operation rows' statuses and notes are the operations library's (OperationNote); they are
   * written here only to share the statement. Rows are taken in id order so that concurrent
   * batches lock in the same order. Values travel as arrays, not one bind parameter each, so no
   * batch nears PostgreSQL's 65,535-parameter limit.
   */
  async applyAndLog(db: Queryable, clientId: string, table: SyncedTableName, changes: Change[]): Promise<Applied[]> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    const rows = await db.$queryRaw<{ outcome: Outcome; id: bigint }[]>`
      WITH input AS (
        SELECT * FROM unnest(${changes.map((c) => c.operation)}::text[], ${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.ver)}::int[],
                             ${changes.map((c) => (c.fields ? JSON.stringify(c.fields) : null))}::text[], ${changes.map((c) => c.queueId)}::text[])
                      WITH ORDINALITY AS i(op, hash_id, ver, data, queue_id, idx)),
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
        WHERE i.op = 'DELETE' AND t._ver > i.ver),
      outcomes AS (
        SELECT i.idx, i.op, i.hash_id, i.ver, i.queue_id,
               CASE i.op
                 WHEN 'CREATE' THEN CASE WHEN c._hash_id IS NULL THEN 'duplicate' ELSE 'created' END
                 WHEN 'UPDATE' THEN CASE WHEN u._hash_id IS NULL THEN 'stale' WHEN u.inserted THEN 'upserted' ELSE 'updated' END
                 ELSE CASE WHEN d._hash_id IS NOT NULL THEN 'deleted' WHEN k.hash_id IS NOT NULL THEN 'stale' ELSE 'already_deleted' END
               END AS outcome
        FROM input i
        LEFT JOIN created c ON i.op = 'CREATE' AND c._hash_id = i.hash_id
        LEFT JOIN updated u ON i.op = 'UPDATE' AND u._hash_id = i.hash_id
        LEFT JOIN deleted d ON i.op = 'DELETE' AND d._hash_id = i.hash_id
        LEFT JOIN kept k ON i.op = 'DELETE' AND k.hash_id = i.hash_id),
      logged AS (
        INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, queue_id, operation, status, note)
        SELECT ${table}, o.hash_id, ${clientId}, o.ver, o.queue_id, o.op::"OperationType", 'COMPLETED',
               CASE o.outcome WHEN 'duplicate' THEN ${OperationNote.DuplicateBypassed} WHEN 'stale' THEN ${OperationNote.StaleVersionIgnored}
                              WHEN 'already_deleted' THEN ${OperationNote.AlreadyDeleted} WHEN 'upserted' THEN ${OperationNote.CreatedByUpdate} END
        FROM outcomes o ORDER BY o.idx
        RETURNING id, record_id)
      SELECT o.outcome, l.id FROM outcomes o JOIN logged l ON l.record_id = o.hash_id ORDER BY o.idx`;
    return rows.map((r) => ({ outcome: r.outcome, operationId: r.id }));
  }
}

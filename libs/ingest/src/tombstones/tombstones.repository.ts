import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, Tx } from '@app/database';

@Injectable()
export class TombstonesRepository {
  /**
   * Deletes up to `limit` tombstones of `table` deleted before `cutoff`; returns how many. Rows are
   * locked with SKIP LOCKED, and the outer condition is re-checked on the locked row, so a record
   * brought back meanwhile (no longer `_deleted`) is never purged.
   */
  async purge(tx: Tx, table: SyncedTableName, cutoff: Date, limit: number): Promise<number> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    return tx.$executeRaw`
      DELETE FROM ${target} t
      WHERE t._deleted AND t._deleted_at < ${cutoff}
        AND (t._client_id, t._hash_id) IN (
          SELECT s._client_id, s._hash_id FROM ${target} s
          WHERE s._deleted AND s._deleted_at < ${cutoff}
          LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  }
}

import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, PrismaService } from '@app/database';

/** The note of an operation re-created from its row (POST /admin/tables/{table}/restore-history). */
export const HISTORY_RESTORED_NOTE = 'History restored from the row by an admin';

@Injectable()
export class HistoryRestoreRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Re-creates one COMPLETED operation (CREATE at version 1, UPDATE after) at the row's version,
   * with its data as payload, for each live row of the client with no operation at its `_ver` and
   * no retention head covering it: the rows the missing-operations monitor counts. Serialized per
   * client and table (an advisory lock) so two restores cannot both insert.
   */
  restore(clientId: string, table: SyncedTableName): Promise<{ hash_id: string; ver: number }[]> {
    const target = Prisma.raw(`"${table}"`); // table comes from the SYNCED_TABLES registry only
    return this.prisma.transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`restore-history:${table}:${clientId}`}))`;
      return tx.$queryRaw<{ hash_id: string; ver: number }[]>`
        INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, note, payload)
        SELECT ${table}, v._hash_id, v._client_id, v._ver,
               (CASE WHEN v._ver = 1 THEN 'CREATE' ELSE 'UPDATE' END)::"OperationType", 'COMPLETED'::"OperationStatus",
               ${HISTORY_RESTORED_NOTE}, v.data::json
        FROM ${target} v
        WHERE v._client_id = ${clientId} AND NOT v._deleted AND NOT EXISTS (
          SELECT 1 FROM sync_operations o
          WHERE o.client_id = v._client_id AND o.table_name = ${table} AND o.record_id = v._hash_id AND o.batch_version = v._ver)
          AND NOT EXISTS (
          SELECT 1 FROM sync_record_heads h
          WHERE h.client_id = v._client_id AND h.table_name = ${table} AND h.record_id = v._hash_id AND h.batch_version >= v._ver)
        ORDER BY v._hash_id
        RETURNING record_id AS hash_id, batch_version AS ver`;
    });
  }
}

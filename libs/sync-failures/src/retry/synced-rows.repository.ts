import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, PrismaService } from '@app/database';

export interface SyncedRecordKey {
  clientId: string;
  recordId: string;
}

export interface CurrentRow {
  client_id: string;
  hash_id: string;
  ver: number;
  data: Record<string, unknown>;
  /** A tombstone: the record was deleted (at `ver`). */
  deleted: boolean;
}

/** Current rows of synced tables, for retries that must send what is true now. */
@Injectable()
export class SyncedRowsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The rows of `table` among `keys`, tombstones included (a deleted record and a lost one must be
   * told apart), in one query. Each key carries its client
   * id: a record id alone names nothing across clients.
   */
  find(table: SyncedTableName, keys: SyncedRecordKey[]): Promise<CurrentRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    const target = Prisma.raw(`"${table}"`); // a SYNCED_TABLES name (SyncedTableName), never a value from a row or request
    return this.prisma.$queryRaw<CurrentRow[]>`
      SELECT t._client_id AS client_id, t._hash_id AS hash_id, t._ver AS ver, t.data, t._deleted AS deleted
      FROM ${target} t
      JOIN unnest(${keys.map((k) => k.clientId)}::text[], ${keys.map((k) => k.recordId)}::text[]) AS k(client_id, hash_id)
        ON t._client_id = k.client_id AND t._hash_id = k.hash_id`;
  }
}

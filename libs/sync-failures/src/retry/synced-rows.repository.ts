import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { PrismaService } from '@app/database';

export interface SyncedRecordKey {
  clientId: string;
  recordId: string;
}

export interface CurrentRow {
  client_id: string;
  hash_id: string;
  ver: number;
  /** rowPayload of the row (target/sync-message.ts), as JSON text: `{_hash_id, _ver, ...data}`, built by PostgreSQL. */
  payload: string;
  /** A tombstone: the record was deleted (at `ver`). */
  deleted: boolean;
}

/** Current rows of synced tables, for retries that must send what is true now. */
@Injectable()
export class SyncedRowsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The rows of `table` among `keys`, tombstones included (a deleted record and a lost one must be
   * told apart), in one query on the pool (no Prisma row mapping: a retry drain reads thousands).
   * Each key carries its client id: a record id alone names nothing across clients. The payload is
   * rowPayload's object (the row's fields over `_hash_id` and `_ver`, as a spread would) as JSON
   * text, sent as it is.
   */
  find(table: SyncedTableName, keys: SyncedRecordKey[]): Promise<CurrentRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    // `table` is a SYNCED_TABLES name (SyncedTableName), never a value from a row or request.
    return this.prisma.sql<CurrentRow>(
      `SELECT t._client_id AS client_id, t._hash_id AS hash_id, t._ver AS ver, t._deleted AS deleted,
              (jsonb_build_object('_hash_id', t._hash_id, '_ver', t._ver) || t.data)::text AS payload
       FROM "${table}" t
       JOIN unnest($1::text[], $2::text[]) AS k(client_id, hash_id) ON t._client_id = k.client_id AND t._hash_id = k.hash_id`,
      [keys.map((k) => k.clientId), keys.map((k) => k.recordId)],
    );
  }
}

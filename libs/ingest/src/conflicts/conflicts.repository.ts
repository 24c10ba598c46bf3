import { Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Prisma, Tx } from '@app/database';
import { OperationNote } from '@app/operations';
import { Change } from '../change';

/** A record's row as stored (live or tombstone). */
export interface CurrentRow {
  hash_id: string;
  ver: number;
  data: Record<string, unknown>;
  deleted: boolean;
}

/** A row to write: `expected` is the version it must still be at (0: absent). */
export interface RowWrite {
  id: string;
  ver: number;
  data: Record<string, unknown>;
  deleted: boolean;
  expected: number;
}

type Based = Change & { baseVer: number };

/**
 * The reads and writes of changes sent with `base_ver` (ConflictsService), inside the caller's
 * transaction. Set-based: one statement per step for a whole round of a batch.
 */
@Injectable()
export class ConflictsRepository {
  /** The records' rows, locked (FOR UPDATE, in id order) until the transaction ends. */
  lockCurrent(tx: Tx, clientId: string, table: SyncedTableName, ids: string[]): Promise<CurrentRow[]> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    return tx.$queryRaw<CurrentRow[]>`
      SELECT _hash_id AS hash_id, _ver AS ver, data, _deleted AS deleted FROM ${target}
      WHERE _client_id = ${clientId} AND _hash_id = ANY(${ids}::text[]) ORDER BY _hash_id FOR UPDATE`;
  }

  /** Records with operations waiting in the asynchronous queue. */
  async pending(tx: Tx, clientId: string, table: SyncedTableName, ids: string[]): Promise<Set<string>> {
    const rows = await tx.$queryRaw<{ record_id: string }[]>`
      SELECT DISTINCT record_id FROM sync_operations
      WHERE client_id = ${clientId} AND table_name = ${table} AND record_id = ANY(${ids}::text[])
        AND status::text IN ('QUEUED', 'PROCESSING')`;
    return new Set(rows.map((r) => r.record_id));
  }

  /**
   * The changes already applied: a COMPLETED operation of the same record, operation, base, device
   * and job, at the version sent (or merged from it), with the same fields where the log kept them.
   */
  async resent(
    tx: Tx,
    clientId: string,
    table: SyncedTableName,
    deviceId: string | null,
    changes: Based[],
  ): Promise<Set<string>> {
    if (changes.length === 0) return new Set();
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.ver)}::int[],
                              ${changes.map((c) => c.baseVer)}::int[], ${changes.map((c) => c.operation)}::text[],
                              ${changes.map((c) => c.queueId)}::text[], ${changes.map((c) => (c.fields ? JSON.stringify(c.fields) : null))}::text[])
             AS c(id, ver, base, op, queue_id, fields)
      WHERE EXISTS (
        SELECT 1 FROM sync_operations o
        WHERE o.client_id = ${clientId} AND o.table_name = ${table} AND o.record_id = c.id
          AND o.status = 'COMPLETED' AND o.operation::text = c.op AND o.base_ver = c.base
          AND (o.batch_version = c.ver OR o.merged IS NOT NULL OR o.note LIKE 'Merged:%')
          AND o.device_id IS NOT DISTINCT FROM ${deviceId} AND o.queue_id IS NOT DISTINCT FROM c.queue_id
          AND (o.payload IS NULL OR c.fields IS NULL OR o.payload::jsonb = c.fields::jsonb))`;
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The content of each record at its base version, from the operation log: the newest applied
   * operation that wrote that version (its payload, or for a merged write the record as merged).
   * Absent from the map: not available (payloads off, operations deleted, a deletion).
   */
  async baseContents(
    tx: Tx,
    clientId: string,
    table: SyncedTableName,
    bases: { id: string; baseVer: number }[],
  ): Promise<Map<string, Record<string, unknown>>> {
    if (bases.length === 0) return new Map();
    const rows = await tx.$queryRaw<{ id: string; content: Record<string, unknown> | null }[]>`
      SELECT c.id, w.content FROM unnest(${bases.map((b) => b.id)}::text[], ${bases.map((b) => b.baseVer)}::int[]) AS c(id, base)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN o.operation = 'DELETE' THEN NULL ELSE coalesce(o.merged, o.payload::jsonb) END AS content
        FROM sync_operations o
        WHERE o.client_id = ${clientId} AND o.table_name = ${table} AND o.record_id = c.id AND o.batch_version = c.base
          AND o.status = 'COMPLETED' AND (o.note IS NULL OR o.note = ${OperationNote.CreatedByUpdate} OR o.note LIKE 'Merged:%')
        ORDER BY o.id DESC LIMIT 1) w
      WHERE w.content IS NOT NULL`;
    return new Map(rows.map((r) => [r.id, r.content!]));
  }

  /**
   * Writes rows still at their expected version (rows present are locked by lockCurrent; an
   * absent one inserted meanwhile is not overwritten). Returns the ids written; each stamps `_xid`.
   */
  async write(tx: Tx, clientId: string, table: SyncedTableName, rows: RowWrite[]): Promise<Set<string>> {
    const target = Prisma.raw(`"${table}"`); // from the SYNCED_TABLES registry, never from a request
    const written = new Set<string>();
    const inserts = rows.filter((r) => r.expected === 0);
    const updates = rows.filter((r) => r.expected !== 0);
    const columns = (list: RowWrite[]) =>
      Prisma.sql`unnest(${list.map((r) => r.id)}::text[], ${list.map((r) => r.ver)}::int[], ${list.map((r) => JSON.stringify(r.data))}::jsonb[],
                        ${list.map((r) => r.deleted)}::boolean[], ${list.map((r) => r.expected)}::int[]) AS c(id, ver, data, deleted, expected)`;
    if (inserts.length > 0) {
      const done = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO ${target} (_client_id, _hash_id, _ver, data, _deleted, _deleted_at)
        SELECT ${clientId}, c.id, c.ver, c.data, c.deleted, CASE WHEN c.deleted THEN now() END FROM ${columns(inserts)}
        ORDER BY c.id
        ON CONFLICT (_client_id, _hash_id) DO NOTHING
        RETURNING _hash_id AS id`;
      done.forEach((r) => written.add(r.id));
    }
    if (updates.length > 0) {
      // The time as a column of its own (a.at): Citus refuses now() inside CASE on a distributed
      // table. On Citus the worker's trigger stamps `_xid` over the coordinator's pg_current_xact_id().
      const done = await tx.$queryRaw<{ id: string }[]>`
        WITH a AS MATERIALIZED (SELECT now() AS at)
        UPDATE ${target} t SET data = c.data, _ver = c.ver, _deleted = c.deleted,
               _deleted_at = CASE WHEN c.deleted THEN a.at END, _updated_at = a.at,
               _created_at = CASE WHEN t._deleted AND NOT c.deleted THEN a.at ELSE t._created_at END,
               _xid = pg_current_xact_id()
        FROM ${columns(updates)}, a
        WHERE t._client_id = ${clientId} AND t._hash_id = c.id AND t._ver = c.expected
        RETURNING t._hash_id AS id`;
      done.forEach((r) => written.add(r.id));
    }
    return written;
  }
}

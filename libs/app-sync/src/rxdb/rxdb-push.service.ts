import { Injectable } from '@nestjs/common';
import { SyncedTable } from '@app/common';
import { PrismaService } from '@app/database';
import { answerOf, Change, TransactionalIngest } from '@app/ingest';
import { OperationLogEntry } from '@app/operations';
import { CurrentRow, CurrentRowsRepository } from '../current-rows.repository';
import { sameContent } from '../document-fields';
import { RxDocument, rxDocument } from './rxdb-pull.service';

/** One row of RxDB's push: the state the device last saw (absent: it believes the document new) and its new state. */
export interface RxPushRow {
  id: string;
  assumed: { ver: number | undefined; deleted: boolean; fields: Record<string, unknown> } | null;
  next: { deleted: boolean; fields: Record<string, unknown> };
}

/**
 * RxDB's push handler (docs/watermelondb-rxdb.md, "RxDB"): in one transaction, each row whose
 * assumed master state is the server's current state is applied at the next version through the
 * ingest statement (logged like any write); any other is a conflict, answered with the server's
 * current document and logged CONFLICT (as a `base_ver` conflict of POST /{table}). "The same state" is the same `ver`, or the same content and
 * deletion (RxDB keeps the state it pushed as the master state, without the version the server
 * gave it). A row whose new state the server already holds does nothing: RxDB's retry of a push
 * whose answer was lost is harmless.
 */
@Injectable()
export class RxdbPushService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rows: CurrentRowsRepository,
    private readonly ingest: TransactionalIngest,
  ) {}

  async push(clientId: string, deviceId: string | null, table: SyncedTable, rows: RxPushRow[]): Promise<RxDocument[]> {
    const result = await this.prisma.transaction(async (tx) => {
      const current = await this.rows.lock(
        tx,
        clientId,
        table.name,
        rows.map((r) => r.id),
      );
      const changes: Change[] = [];
      const conflicts: { row: RxPushRow; server: CurrentRow }[] = [];
      for (const row of rows) {
        const server = current.get(row.id);
        if (server !== undefined && holds(server, row.next)) continue;
        if (server !== undefined && !sameState(row.assumed, server)) conflicts.push({ row, server });
        else if (row.next.deleted) {
          if (server !== undefined && !server.deleted)
            changes.push({ operation: 'DELETE', id: row.id, ver: server.ver + 1, queueId: null, fields: null });
        } else
          changes.push({
            operation: server === undefined ? 'CREATE' : 'UPDATE',
            id: row.id,
            ver: server === undefined ? 1 : server.ver + 1,
            queueId: null,
            fields: row.next.fields,
          });
      }
      const applied = await this.ingest.apply(tx, clientId, table.name, changes, deviceId);
      // A document created by another push since the lock (no row to lock then): a conflict too.
      const raced = changes.filter((_, k) => applied[k].outcome === 'duplicate' || applied[k].outcome === 'stale');
      const racedRows =
        raced.length > 0
          ? await this.rows.lock(
              tx,
              clientId,
              table.name,
              raced.map((c) => c.id),
            )
          : new Map();
      for (const change of raced)
        conflicts.push({ row: rows.find((r) => r.id === change.id)!, server: racedRows.get(change.id)! });
      await this.ingest.refuse(
        tx,
        clientId,
        table.name,
        conflicts.map((c) => conflictEntry(c.row, c.server, deviceId)),
      );
      return { changes, applied, conflicts };
    });
    this.ingest.counted(table.name, [
      ...result.changes.map((c, k) => answerOf(c, result.applied[k])),
      ...result.conflicts.map(() => ({ operation: 'UPDATE', status: 'CONFLICT' })),
    ]);
    return result.conflicts.map((c) =>
      rxDocument({ id: c.server.id, ver: c.server.ver, data: c.server.data, deleted: c.server.deleted }),
    );
  }
}

function sameState(assumed: RxPushRow['assumed'], server: CurrentRow): boolean {
  if (assumed === null) return false; // the device believes it new; the server holds it (live or deleted)
  if (assumed.deleted !== server.deleted) return false;
  return assumed.ver === server.ver || server.deleted || sameContent(assumed.fields, server.data);
}

/** The server already holds this state (a retried push): nothing to do. */
function holds(server: CurrentRow, next: RxPushRow['next']): boolean {
  return next.deleted ? server.deleted : !server.deleted && sameContent(next.fields, server.data);
}

function conflictEntry(row: RxPushRow, server: CurrentRow, deviceId: string | null): OperationLogEntry {
  const base = row.assumed?.ver ?? 0;
  return {
    recordId: row.id,
    deviceId,
    batchVersion: base + 1,
    queueId: null,
    operation: row.next.deleted ? 'DELETE' : row.assumed === null ? 'CREATE' : 'UPDATE',
    status: 'CONFLICT',
    baseVer: base,
    error: null,
    note: `Conflict: the device's change was based on version ${base}, the server holds version ${server.ver}${server.deleted ? ' (deleted)' : ''}; the server's document was returned`,
    payload: row.next.deleted ? null : row.next.fields,
  };
}

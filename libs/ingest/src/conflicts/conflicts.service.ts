import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SyncedTable } from '@app/common';
import { Tx } from '@app/database';
import { conflictNote, mergedNote, OperationLogEntry, OperationNote, QUEUED_BASE_ERROR } from '@app/operations';
import { deletePayload, OutboxEntry, rowPayload } from '@app/sync-failures';
import { Change, OperationType } from '../change';
import { ConflictsRepository, CurrentRow, RowWrite } from './conflicts.repository';
import { mergeFields } from './merge';

type Based = Change & { baseVer: number };

/** What the server holds, told with a conflict so the device can resolve it. */
export interface ConflictDetail {
  server_ver: number;
  server_data: Record<string, unknown> | null;
  deleted: boolean;
}

/** One change's fate: its log entry, its answer's extra facts, its outbox entry (applied ones). */
export interface BasedOutcome {
  entry: OperationLogEntry;
  /** Applied or merged: the version and fields the record now has (the device adopts them). */
  result?: { ver: number; data: Record<string, unknown> | null };
  conflict?: ConflictDetail;
  outbox?: Omit<OutboxEntry, 'operationId'>;
  merged: boolean;
}

/**
 * Changes sent with `base_ver` (docs/multi-device.md): applied when the record is at that version
 * (absent: 0), else recognised as a resend of a change already applied (COMPLETED, "Duplicate
 * bypassed"), merged under the table's policy `merge`, or a CONFLICT that applies nothing. The
 * records' rows are locked first (FOR UPDATE), so concurrent changes to a record are decided one
 * after the other on what the previous one left. Runs inside the caller's transaction, for one
 * round of distinct records.
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly repository: ConflictsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async apply(
    tx: Tx,
    clientId: string,
    table: SyncedTable,
    changes: Based[],
    deviceId: string | null,
  ): Promise<BasedOutcome[]> {
    const ids = changes.map((c) => c.id);
    const rows = new Map((await this.repository.lockCurrent(tx, clientId, table.name, ids)).map((r) => [r.hash_id, r]));
    const pending = await this.repository.pending(tx, clientId, table.name, ids);
    const moved = changes.filter((c) => !pending.has(c.id) && (rows.get(c.id)?.ver ?? 0) !== c.baseVer);
    const resent = await this.repository.resent(tx, clientId, table.name, deviceId, moved);
    const mergeable = table.conflicts.policy === 'merge' ? moved.filter((c) => !resent.has(c.id)) : [];
    const bases = await this.repository.baseContents(
      tx,
      clientId,
      table.name,
      mergeable.filter((c) => c.baseVer > 0).map((c) => ({ id: c.id, baseVer: c.baseVer })),
    );

    const outcomes = changes.map((change): BasedOutcome & { write?: RowWrite } => {
      const entry = this.entry(change, deviceId);
      const row = rows.get(change.id);
      const current = row?.ver ?? 0;
      if (pending.has(change.id))
        return { entry: { ...entry, status: 'ERROR', error: QUEUED_BASE_ERROR, payload: null }, merged: false };
      if (current === change.baseVer) return this.applied(entry, change, row, change.ver, change.fields ?? {}, null);
      if (resent.has(change.id) || (!table.conflicts.counters?.length && holds(row, change)))
        return { entry: { ...entry, note: OperationNote.DuplicateBypassed }, result: resultOf(row), merged: false };
      if (table.conflicts.policy === 'merge' && change.operation !== 'DELETE' && row && !row.deleted) {
        const base = change.baseVer === 0 ? {} : bases.get(change.id);
        if (base === undefined) return this.conflict(entry, change, row, "the base version's content is not kept");
        const merge = mergeFields(base, change.fields ?? {}, row.data, table.conflicts.counters);
        if ('overlap' in merge)
          return this.conflict(entry, change, row, `fields changed on both sides: ${merge.overlap.join(', ')}`);
        const note = mergedNote(change.baseVer, current, merge.how);
        return this.applied(
          { ...entry, note, batchVersion: current + 1 },
          change,
          row,
          current + 1,
          merge.merged,
          merge.merged,
        );
      }
      return this.conflict(entry, change, row);
    });

    const writes = outcomes.flatMap((o) => (o.write ? [o.write] : []));
    const written = await this.repository.write(tx, clientId, table.name, writes);
    return outcomes.map((o) => {
      const { write, ...outcome } = o;
      if (!write || written.has(write.id)) return outcome;
      // Inserted meanwhile by a write without base_ver (rows present were locked): a conflict.
      return this.conflict(
        o.entry,
        changes.find((c) => c.id === write.id)!,
        undefined,
        'written meanwhile',
      );
    });
  }

  private entry(change: Based, deviceId: string | null): OperationLogEntry {
    return {
      recordId: change.id,
      batchVersion: change.ver,
      queueId: change.queueId,
      deviceId,
      baseVer: change.baseVer,
      operation: change.operation,
      status: 'COMPLETED',
      note: null,
      error: null,
      payload: this.config.auditPayloads ? change.fields : null,
    };
  }

  private applied(
    entry: OperationLogEntry,
    change: Based,
    row: CurrentRow | undefined,
    ver: number,
    fields: Record<string, unknown>,
    merged: Record<string, unknown> | null,
  ): BasedOutcome & { write: RowWrite } {
    const deleted = change.operation === 'DELETE';
    const data = deleted ? {} : fields;
    const action: OperationType = deleted ? 'DELETE' : !row || row.deleted ? 'CREATE' : 'UPDATE';
    return {
      entry: { ...entry, merged: merged && this.config.auditPayloads ? merged : null },
      result: { ver, data: deleted ? null : data },
      outbox: {
        recordId: change.id,
        action,
        payload: deleted ? deletePayload(change.id, ver) : rowPayload(change.id, ver, data),
      },
      merged: merged !== null,
      write: { id: change.id, ver, data, deleted, expected: row?.ver ?? 0 },
    };
  }

  private conflict(entry: OperationLogEntry, change: Based, row: CurrentRow | undefined, why?: string): BasedOutcome {
    const current = row?.ver ?? 0;
    return {
      entry: { ...entry, status: 'CONFLICT', note: conflictNote(change.baseVer, current, why), merged: null },
      conflict: {
        server_ver: current,
        server_data: row && !row.deleted ? row.data : null,
        deleted: row?.deleted ?? false,
      },
      merged: false,
    };
  }
}

/**
 * The record is at this change's version with exactly its content: the change itself, applied,
 * resent after its operation row was deleted (a DBA), which the log can no longer show. Refusing
 * it would be a conflict with itself that drops the device's later changes of the record. Not on
 * tables with counters: two devices' equal decrements are two sales.
 */
function holds(row: CurrentRow | undefined, change: Based): boolean {
  if (!row || row.ver !== change.ver) return false;
  if (change.operation === 'DELETE') return row.deleted;
  return !row.deleted && isDeepStrictEqual(row.data, change.fields ?? {});
}

function resultOf(row: CurrentRow | undefined): BasedOutcome['result'] {
  return row ? { ver: row.ver, data: row.deleted ? null : row.data } : undefined;
}

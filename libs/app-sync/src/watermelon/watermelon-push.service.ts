import { ConflictException, Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { answerOf, Applied, Change, TransactionalIngest } from '@app/ingest';
import { IngestAnswer } from '@app/metrics';
import { OperationLogEntry } from '@app/operations';
import { CurrentRow, CurrentRowsRepository } from '../current-rows.repository';
import { PushedRecord, PushedTable } from './watermelon-changes';

export interface WatermelonPushResult {
  /** Records refused because the server knows them as deleted: Watermelon keeps them unsynced. */
  experimentalRejectedIds?: Record<string, string[]>;
}

/** A push refused whole: Watermelon's next synchronize() pulls these changes first, then pushes again. */
export class ChangedSincePull extends ConflictException {
  constructor(ids: string[]) {
    super({
      code: 'changed_since_pull',
      message: `${ids.length} record(s) changed on the server after last_pulled_at (${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', ...' : ''}): nothing was applied; synchronize again (pull, then push)`,
    });
  }
}

/**
 * Applies a Watermelon push (docs/watermelondb-rxdb.md, "Push"): the whole change set in one
 * transaction through the ingest statement, versions assigned by the server (the next after the
 * current one), every change logged. Refused whole (409) if any record was written after
 * `lastPulledAt`, i.e. by a transaction the device's last pull did not include.
 */
@Injectable()
export class WatermelonPushService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rows: CurrentRowsRepository,
    private readonly ingest: TransactionalIngest,
  ) {}

  async push(
    clientId: string,
    deviceId: string | null,
    tables: PushedTable[],
    lastPulledAt: bigint | null,
  ): Promise<WatermelonPushResult> {
    const counted: { table: PushedTable['table']; answers: IngestAnswer[] }[] = [];
    const rejected: Record<string, string[]> = {};
    await this.prisma.transaction(
      async (tx) => {
        counted.length = 0;
        for (const key of Object.keys(rejected)) delete rejected[key];
        for (const { table, records } of tables) {
          const current = await this.rows.lock(
            tx,
            clientId,
            table.name,
            records.map((r) => r.id),
          );
          const changed = records.filter((r) => changedSince(current.get(r.id), lastPulledAt)).map((r) => r.id);
          if (changed.length > 0) throw new ChangedSincePull(changed);
          const { changes, refused } = plan(records, current, deviceId);
          const applied = await this.ingest.apply(tx, clientId, table.name, changes, deviceId);
          // A record created by another push since the lock (no row to lock then) lost that race.
          const raced = changes.filter((c, k) => applied[k].outcome === 'duplicate' || applied[k].outcome === 'stale');
          if (raced.length > 0) throw new ChangedSincePull(raced.map((c) => c.id));
          await this.ingest.refuse(tx, clientId, table.name, refused);
          if (refused.length > 0) rejected[table.name] = refused.map((e) => e.recordId);
          counted.push({ table, answers: answers(changes, applied, refused) });
        }
      },
      { timeoutMs: 120_000 },
    );
    for (const { table, answers } of counted) this.ingest.counted(table.name, answers);
    return Object.keys(rejected).length > 0 ? { experimentalRejectedIds: rejected } : {};
  }
}

/** Written by a transaction at or after the pull's horizon: the device has not seen this state. */
function changedSince(row: CurrentRow | undefined, lastPulledAt: bigint | null): boolean {
  return row !== undefined && lastPulledAt !== null && BigInt(row.xid) >= lastPulledAt;
}

/**
 * Watermelon's records as ingest changes at the server's next version: created or updated apply
 * over a live row (UPDATE) or create a missing one (CREATE); over a tombstone they are refused
 * (the record was deleted, and the device saw that deletion's transaction); a deletion deletes a
 * live row and leaves (or keeps) a tombstone for a record the server does not hold.
 */
function plan(
  records: PushedRecord[],
  current: Map<string, CurrentRow>,
  deviceId: string | null,
): { changes: Change[]; refused: OperationLogEntry[] } {
  const changes: Change[] = [];
  const refused: OperationLogEntry[] = [];
  for (const record of records) {
    const row = current.get(record.id);
    const ver = row === undefined ? 1 : row.ver + 1;
    if (record.kind === 'deleted') {
      changes.push({
        operation: 'DELETE',
        id: record.id,
        ver: row?.deleted ? row.ver : ver,
        queueId: null,
        fields: null,
      });
    } else if (row?.deleted) {
      refused.push({
        recordId: record.id,
        deviceId,
        batchVersion: ver,
        queueId: null,
        operation: 'UPDATE',
        status: 'CONFLICT',
        error: null,
        note: `Conflict: the record was deleted on the server at version ${row.ver}; the change was not applied`,
        payload: record.fields,
      });
    } else {
      const operation = row === undefined ? 'CREATE' : 'UPDATE';
      changes.push({ operation, id: record.id, ver, queueId: null, fields: record.fields });
    }
  }
  return { changes, refused };
}

function answers(changes: Change[], applied: Applied[], refused: OperationLogEntry[]): IngestAnswer[] {
  return [
    ...changes.map((c, k) => answerOf(c, applied[k])),
    ...refused.map((e) => ({ operation: e.operation, status: 'CONFLICT' })),
  ];
}

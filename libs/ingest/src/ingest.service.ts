import { Inject, Injectable, Logger } from '@nestjs/common';
import { SyncedTable } from '@app/common';
import { databaseMessage, isDataError, PrismaService, refusalReason, sqlState, Tx } from '@app/database';
import { Metrics } from '@app/metrics';
import { OperationLogEntry, OperationsService } from '@app/operations';
import { deletePayload, OutboxEntry, OutboxWriter, rowPayload } from '@app/sync-failures';
import { Change, OperationType, ReceivedChange } from './change';
import { OUTBOX_ACTION, OUTCOME_NOTES } from './apply-and-log.statement';
import { Applied, IngestRepository } from './ingest.repository';
import { distinctRounds } from './rounds';
import { ConflictDetail, ConflictsService } from './conflicts/conflicts.service';

export interface IngestResult {
  id: string | null;
  operation: OperationType | null;
  /**
   * QUEUED: logged and waiting in the asynchronous queue (README "Asynchronous ingest"); CONFLICT:
   * sent with `base_ver`, the record is at another version, nothing applied (docs/multi-device.md).
   */
  status: 'COMPLETED' | 'QUEUED' | 'ERROR' | 'CONFLICT';
  note?: string;
  error?: string;
  operationId?: string;
  /** A change sent with `base_ver` and COMPLETED: the version and fields the record now has. */
  ver?: number;
  data?: Record<string, unknown> | null;
  /** CONFLICT: what the server holds. */
  conflict?: ConflictDetail;
}

export interface Indexed {
  index: number;
  change: Change;
}

type Done = { index: number; result: IngestResult };

/** A record that ends ERROR: its log entry and its answer. */
export interface Failure {
  index: number;
  entry: OperationLogEntry;
  result: IngestResult;
}

/**
 * Applies a client's changes to one synced table. Each change and its operation log entry (and
 * outbox entry) commit in one transaction, so a status query never sees a row without its
 * operation, and a request is answered only once that is durable.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  @Inject(Metrics) private readonly metrics: Metrics;

  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: IngestRepository,
    private readonly operations: OperationsService,
    private readonly outbox: OutboxWriter,
    private readonly conflicts: ConflictsService,
  ) {}

  /** `deviceId`: the device the request named (X-Device-Id), logged with each operation; null when none. */
  async ingest(
    clientId: string,
    table: SyncedTable,
    received: ReceivedChange[],
    deviceId: string | null = null,
  ): Promise<IngestResult[]> {
    const results: IngestResult[] = new Array(received.length);
    const valid: Indexed[] = [];
    const rejected: Failure[] = [];
    received.forEach((item, index) => {
      if ('change' in item) return valid.push({ index, change: item.change });
      const error = item.problems.join('; ');
      results[index] = { id: item.id ?? null, operation: item.operation ?? null, status: 'ERROR', error };
      // A record we can name gets an ERROR in its history, so a status query reports why.
      if (item.id !== undefined && item.operation !== undefined)
        rejected.push(failure(index, item.id, item.operation, error, undefined, deviceId));
    });

    try {
      this.record(results, await this.applyAll(clientId, table, valid, rejected, deviceId));
    } catch (error) {
      if (!isDataError(error) || valid.length === 0) throw error;
      // One record the set-based statement cannot take: apply them one by one to isolate it.
      this.logger.warn(
        `Batch of ${valid.length} failed (${sqlState(error)}: ${databaseMessage(error)}); applying records one by one`,
      );
      const failed: Failure[] = [...rejected];
      for (const item of valid) {
        try {
          this.record(results, await this.applyAll(clientId, table, [item], [], deviceId));
        } catch (single) {
          if (!isDataError(single)) throw single;
          this.logger.warn(`Record refused (${sqlState(single)}: ${databaseMessage(single)})`);
          const message = `Could not be stored: ${refusalReason(single)}`;
          const f = failure(item.index, item.change.id, item.change.operation, message, item.change, deviceId);
          results[item.index] = f.result;
          failed.push(f);
        }
      }
      this.record(results, await this.applyAll(clientId, table, [], failed, deviceId));
    }
    this.metrics.ingested(table.name, results);
    return results;
  }

  /**
   * The common case (one round, nothing rejected) is one statement, atomic on its own, that also
   * writes the outbox entries when external sync is on: no transaction round trips. Otherwise one
   * transaction holds every round, the ERROR entries of rejected records and the outbox entries.
   */
  private applyAll(
    clientId: string,
    table: SyncedTable,
    valid: Indexed[],
    errors: Failure[],
    deviceId: string | null,
  ): Promise<Done[]> {
    const rounds = distinctRounds(valid, (item) => item.change.id);
    const anyBased = valid.some((item) => item.change.baseVer !== undefined);
    if (rounds.length === 1 && errors.length === 0 && !anyBased) {
      return this.prisma.retrying(async () =>
        answers(
          rounds[0],
          await this.repository.applyAndLog(
            undefined,
            clientId,
            table.name,
            rounds[0].map((r) => r.change),
            deviceId,
            this.outbox.enabled,
          ),
        ),
      );
    }
    return this.prisma.transaction(async (tx) => {
      const done: Done[] = [];
      for (const all of rounds) {
        // Changes with base_ver take the conflict-aware way; the others today's statement, unchanged.
        const round = all.filter((r) => r.change.baseVer === undefined);
        const based = all.filter((r) => r.change.baseVer !== undefined);
        if (based.length > 0) done.push(...(await this.applyBased(tx, clientId, table, based, deviceId)));
        if (round.length === 0) continue;
        const applied = await this.repository.applyAndLog(
          tx,
          clientId,
          table.name,
          round.map((r) => r.change),
          deviceId,
        );
        done.push(...answers(round, applied));
        await this.outbox.enqueue(tx, clientId, table.name, outboxEntries(round, applied));
      }
      const ids = await this.operations.log(
        tx,
        clientId,
        table.name,
        errors.map((e) => e.entry),
      );
      errors.forEach((e, k) => done.push({ index: e.index, result: { ...e.result, operationId: ids[k].toString() } }));
      return done;
    });
  }

  /** One round's changes sent with base_ver: decided, logged (with their base and device), sent to the outbox if applied. */
  private async applyBased(
    tx: Tx,
    clientId: string,
    table: SyncedTable,
    items: Indexed[],
    deviceId: string | null,
  ): Promise<Done[]> {
    const changes = items.map((i) => i.change as Change & { baseVer: number });
    const outcomes = await this.conflicts.apply(tx, clientId, table, changes, deviceId);
    const ids = await this.operations.log(
      tx,
      clientId,
      table.name,
      outcomes.map((o) => o.entry),
    );
    const outbox = outcomes.flatMap((o, k) => (o.outbox ? [{ ...o.outbox, operationId: ids[k] }] : []));
    await this.outbox.enqueue(tx, clientId, table.name, outbox);
    this.metrics.conflicts(
      table.name,
      outcomes.filter((o) => o.entry.status === 'CONFLICT').length,
      outcomes.filter((o) => o.merged).length,
    );
    return items.map(({ index, change }, k) => {
      const { entry, result, conflict } = outcomes[k];
      return {
        index,
        result: {
          id: change.id,
          operation: change.operation,
          status: entry.status as IngestResult['status'],
          ...(entry.note ? { note: entry.note } : {}),
          ...(entry.error ? { error: entry.error } : {}),
          operationId: ids[k].toString(),
          ...(result && entry.status === 'COMPLETED' ? { ver: result.ver, data: result.data } : {}),
          ...(conflict ? { conflict } : {}),
        },
      };
    });
  }

  private record(results: IngestResult[], done: Done[]): void {
    for (const { index, result } of done) results[index] = result;
  }
}

function answers(round: Indexed[], applied: Applied[]): Done[] {
  return round.map(({ index, change }, k) => ({
    index,
    result: {
      id: change.id,
      operation: change.operation,
      status: applied[k].outcome === 'queued' ? 'QUEUED' : 'COMPLETED',
      note: OUTCOME_NOTES[applied[k].outcome] ?? undefined,
      operationId: applied[k].operationId.toString(),
    },
  }));
}

/** The outbox entries of the changes that changed data (shared with the asynchronous worker). */
export function outboxEntries(round: Indexed[], applied: Applied[]): OutboxEntry[] {
  return round.flatMap(({ change }, k) => {
    const action = OUTBOX_ACTION[applied[k].outcome];
    return action
      ? [{ operationId: applied[k].operationId, recordId: change.id, action, payload: payloadOf(change, action) }]
      : [];
  });
}

export function failure(
  index: number,
  id: string,
  operation: OperationType,
  error: string,
  change?: Change,
  deviceId: string | null = null,
): Failure {
  return {
    index,
    entry: {
      recordId: id,
      deviceId,
      batchVersion: change?.ver ?? 1,
      queueId: change?.queueId ?? null,
      operation,
      status: 'ERROR',
      note: null,
      error,
    },
    result: { id, operation, status: 'ERROR', error },
  };
}

function payloadOf(change: Change, action: OperationType): Record<string, unknown> {
  return action === 'DELETE'
    ? deletePayload(change.id, change.ver)
    : rowPayload(change.id, change.ver, change.fields ?? {});
}

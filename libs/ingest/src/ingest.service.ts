import { Inject, Injectable, Logger } from '@nestjs/common';
import { SyncedTable } from '@app/common';
import { databaseMessage, isDataError, PrismaService, sqlState } from '@app/database';
import { Metrics } from '@app/metrics';
import { OperationLogEntry, OperationsService } from '@app/operations';
import { deletePayload, OutboxEntry, OutboxWriter, rowPayload } from '@app/sync-failures';
import { Change, OperationType, ReceivedChange } from './change';
import { OUTCOME_NOTES } from './apply-and-log.statement';
import { Applied, IngestRepository, Outcome } from './ingest.repository';
import { distinctRounds } from './rounds';

export interface IngestResult {
  id: string | null;
  operation: OperationType | null;
  /** QUEUED: logged and waiting in the asynchronous queue (README "Asynchronous ingest"). */
  status: 'COMPLETED' | 'QUEUED' | 'ERROR';
  note?: string;
  error?: string;
  operationId?: string;
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

/** What the external system is told for each outcome that changed data (others send nothing). */
const OUTBOX_ACTION: Partial<Record<Outcome, OperationType>> = {
  created: 'CREATE',
  upserted: 'CREATE',
  updated: 'UPDATE',
  deleted: 'DELETE',
};

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
          const message = `Could not be stored: ${databaseMessage(single)}`;
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
   * The common case (one round, nothing rejected, no outbox) is one statement, atomic on its own:
   * no transaction round trips. Otherwise one transaction holds every round, the ERROR entries
   * of rejected records and the outbox entries.
   */
  private applyAll(
    clientId: string,
    table: SyncedTable,
    valid: Indexed[],
    errors: Failure[],
    deviceId: string | null,
  ): Promise<Done[]> {
    const rounds = distinctRounds(valid, (item) => item.change.id);
    if (rounds.length === 1 && errors.length === 0 && !this.outbox.enabled) {
      return this.prisma.retrying(async () =>
        answers(
          rounds[0],
          await this.repository.applyAndLog(
            undefined,
            clientId,
            table.name,
            rounds[0].map((r) => r.change),
            deviceId,
          ),
        ),
      );
    }
    return this.prisma.transaction(async (tx) => {
      const done: Done[] = [];
      for (const round of rounds) {
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

import { Inject, Injectable } from '@nestjs/common';
import { SyncedTableName } from '@app/common';
import { Tx } from '@app/database';
import { IngestAnswer, Metrics } from '@app/metrics';
import { OperationLogEntry, OperationsService } from '@app/operations';
import { OutboxWriter } from '@app/sync-failures';
import { OUTCOME_NOTES } from './apply-and-log.statement';
import { Change } from './change';
import { Applied, IngestRepository } from './ingest.repository';
import { outboxEntries } from './ingest.service';

/** Changes per statement: a protocol adapter's push can hold a whole offline backlog (20,000 and more). */
const CHUNK = 1_000;

/**
 * The ingest path for callers that hold a transaction of their own (the WatermelonDB and RxDB
 * adapters, libs/app-sync): the very statement every other write goes through (applied and logged
 * together, outbox entries beside), so their changes have the same audit trail, status answers,
 * external delivery and metrics. The caller decides versions and conflicts; changes are to
 * distinct records.
 */
@Injectable()
export class TransactionalIngest {
  @Inject(Metrics) private readonly metrics: Metrics;

  constructor(
    private readonly repository: IngestRepository,
    private readonly operations: OperationsService,
    private readonly outbox: OutboxWriter,
  ) {}

  async apply(
    tx: Tx,
    clientId: string,
    table: SyncedTableName,
    changes: Change[],
    deviceId: string | null,
  ): Promise<Applied[]> {
    const applied: Applied[] = [];
    for (let start = 0; start < changes.length; start += CHUNK) {
      const chunk = changes.slice(start, start + CHUNK);
      const done = await this.repository.applyAndLog(tx, clientId, table, chunk, deviceId);
      const round = chunk.map((change, index) => ({ index, change }));
      await this.outbox.enqueue(tx, clientId, table, outboxEntries(round, done));
      applied.push(...done);
    }
    return applied;
  }

  /** Logs changes that were refused (a conflict): CONFLICT entries with their reason, nothing applied. */
  async refuse(tx: Tx, clientId: string, table: SyncedTableName, entries: OperationLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.operations.log(tx, clientId, table, entries);
  }

  /** Counts a push's answers in the ingest metrics, once its transaction committed. */
  counted(table: SyncedTableName, answers: IngestAnswer[]): void {
    this.metrics.ingested(table, answers);
    this.metrics.conflicts(table, answers.filter((a) => a.status === 'CONFLICT').length, 0);
  }
}

/** A change's answer as the metrics count it. */
export function answerOf(change: Change, applied: Applied): IngestAnswer {
  return {
    operation: change.operation,
    status: applied.outcome === 'queued' ? 'QUEUED' : 'COMPLETED',
    note: OUTCOME_NOTES[applied.outcome] ?? undefined,
  };
}

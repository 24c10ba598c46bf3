import { Injectable, Logger } from '@nestjs/common';
import { findSyncedTable, SYNCED_TABLES, SyncedTableName } from '@app/common';
import { databaseMessage, isDatabaseUnavailable, isDataError } from '@app/database';
import { IngestAnswer, Metrics } from '@app/metrics';
import { OUTCOME_NOTES } from '../apply-and-log.statement';
import { HeadRow, IngestRepository } from '../ingest.repository';
import { WorkSummary } from './work-summary';

/**
 * A worker's shortest way, used when no outbox entries are to be written (AsyncIngestWorker): the
 * queue's head entry claimed and applied by one statement of its table.
 */
@Injectable()
export class QueueHead {
  private readonly logger = new Logger(QueueHead.name);
  /** The table whose statement is tried first: the last one whose head it applied. */
  private headTable = Object.keys(SYNCED_TABLES)[0] as SyncedTableName;

  constructor(
    private readonly ingest: IngestRepository,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The shortest way (no outbox entries to write): ONE statement claims the queue's head entry and
   * applies it whole, or does nothing (IngestRepository.applyHead), so a large upload's entry costs
   * one round trip instead of a transaction's five. A head of another table is tried once with that
   * table's statement. Undefined when the head needs the long way (smaller than a batch, an
   * operation blocked, a record repeated, one the database refuses): the long way claims it again,
   * in a transaction, and counts a batch that fails whole against it.
   */
  async apply(limit: number): Promise<WorkSummary | undefined> {
    for (let tries = 0; tries < 2; tries++) {
      let row: HeadRow;
      try {
        row = await this.ingest.applyHead(this.headTable, limit);
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        // A record the database refuses is the long way's to isolate; anything else is worth a look.
        if (!isDataError(error))
          this.logger.warn(`The head statement failed, taking the long way: ${databaseMessage(error)}`);
        return undefined;
      }
      if (row.head === null) return { completed: 0, failed: 0, deferred: 0 }; // nothing free to claim
      const table = row.table_name === null ? undefined : findSyncedTable(row.table_name)?.name;
      if (!table) return undefined;
      if (table !== this.headTable) {
        this.headTable = table;
        continue;
      }
      if (row.stop || row.counts === null) return undefined;
      const answers = row.counts.flatMap(({ operation, outcome, n }) =>
        new Array<IngestAnswer>(n).fill({ operation, status: 'COMPLETED', note: OUTCOME_NOTES[outcome] ?? undefined }),
      );
      this.metrics.applied(table, answers);
      return { completed: answers.length, failed: 0, deferred: 0 };
    }
    return undefined;
  }
}

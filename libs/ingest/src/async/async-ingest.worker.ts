import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig, findSyncedTable, SyncedTableName } from '@app/common';
import { ChannelListener, databaseMessage, isDataError, PgTx, PrismaService } from '@app/database';
import { IngestAnswer, Metrics } from '@app/metrics';
import { WorkLoop } from '@app/scheduling';
import { OutboxWriter } from '@app/sync-failures';
import { Change } from '../change';
import { OUTCOME_NOTES } from '../apply-and-log.statement';
import { AppliedEntryChange, IngestRepository, QueuedChange } from '../ingest.repository';
import { outboxEntries } from '../ingest.service';
import { distinctRounds } from '../rounds';
import { ASYNC_QUEUE_CHANNEL, AsyncIngestRepository } from './async-ingest.repository';
import { AsyncQueueRepository, ClaimedOperation, QueueEntry, recordKey } from './async-queue.repository';

export interface WorkSummary {
  completed: number;
  failed: number;
  /** Operations claimed but left QUEUED: an older operation of their record was held by another worker. */
  deferred: number;
}

/**
 * Applies queued operations: each batch is ONE transaction that claims queue entries holding up to
 * ASYNC_BATCH_SIZE QUEUED operations (FOR UPDATE SKIP LOCKED, AsyncQueueRepository), applies them per client and table with the synchronous
 * path's statement (IngestRepository.applyQueued: same upserts, same notes), writes their outbox
 * entries and marks them COMPLETED, or ERROR for a record the database refuses, and removes the
 * entries. A crash anywhere rolls the whole batch back: its entries are there again and the next claim takes them, so
 * nothing is lost and nothing applied twice. Runs as ASYNC_WORKER_CONCURRENCY loops in every
 * process with RUN_JOBS=true; they go straight on while there is work and sleep ASYNC_POLL_INTERVAL
 * when there is none, unless an accepted batch wakes them first (LISTEN/NOTIFY).
 */
@Injectable()
export class AsyncIngestWorker implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(AsyncIngestWorker.name);
  private readonly loop: WorkLoop;
  private readonly listener: ChannelListener;

  constructor(
    private readonly queue: AsyncQueueRepository,
    private readonly operations: AsyncIngestRepository,
    private readonly ingest: IngestRepository,
    private readonly outbox: OutboxWriter,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    const pass = async () => {
      const { completed, failed } = await this.processOnce();
      return completed + failed > 0; // only deferred operations: wait for their record's older one
    };
    const onError = (error: Error) =>
      this.logger.error(`Async ingest batch failed (rolled back, its operations stay QUEUED): ${error.message}`);
    this.loop = new WorkLoop(pass, config.asyncPollIntervalMs, onError);
    // Accepted work wakes the loops at once (NOTIFY); ASYNC_POLL_INTERVAL is the fallback.
    this.listener = new ChannelListener(
      prisma.pool.options,
      ASYNC_QUEUE_CHANNEL,
      () => this.loop.wake(),
      (error) => this.logger.warn(`Listening for queued work failed (polling meanwhile): ${error.message}`),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runJobs) return;
    this.loop.start(this.config.asyncWorkerConcurrency);
    await this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Stops the loops and waits for the batches in flight (each commits or rolls back whole). */
  async stop(): Promise<void> {
    await this.listener.stop();
    await this.loop.stop();
  }

  /** One batch: claim, apply, record, in one transaction. The loops' unit of work, and what tests call. */
  async processOnce(limit = this.config.asyncBatchSize): Promise<WorkSummary> {
    // Straight on a node-pg client (Prisma's interactive transaction cost more than the work in profiles).
    const answers = new Map<string, IngestAnswer[]>();
    const summary = await this.prisma.pgTransaction(async (tx) => {
      answers.clear(); // a retried transaction starts over
      const head = await this.queue.claimHead(tx);
      if (!head) return { completed: 0, failed: 0, deferred: 0 };
      if (head.size >= limit) {
        const whole = await this.applyEntry(tx, head, answers);
        if (whole) return whole;
      }
      const claim = await this.queue.claimRest(tx, head, limit, this.outbox.enabled);
      const runs = runnable(claim.operations);
      const left = claim.operations.filter((op) => !runs.has(op));
      const done: WorkSummary = { completed: 0, failed: 0, deferred: left.length };
      for (const group of byClientAndTable([...runs]))
        for (const round of distinctRounds(group, (op) => op.record_id)) {
          const { completed, failed } = await this.applyGroup(tx, round, answers);
          done.completed += completed;
          done.failed += failed;
        }
      await this.queue.finish(tx, claim, left);
      return done;
    });
    // Counted once committed, like a synchronous request's operations.
    for (const [table, list] of answers) this.metrics.applied(table, list);
    return summary;
  }

  /**
   * The short way for a head entry that fills the batch: its operations applied whole by one
   * statement (IngestRepository.applyEntry), which also removes the entry, then their outbox
   * entries; undefined when it needs the long way (an operation blocked, a record repeated, one the
   * database refuses). Most of a large upload's entries take it.
   */
  private async applyEntry(
    tx: PgTx,
    head: QueueEntry,
    answers: Map<string, IngestAnswer[]>,
  ): Promise<WorkSummary | undefined> {
    const table = findSyncedTable(head.table_name)?.name;
    if (!table) return undefined;
    await tx.query('SAVEPOINT async_entry');
    let applied: AppliedEntryChange[];
    try {
      applied = await this.ingest.applyEntry(tx, head.client_id, table, head, this.outbox.enabled);
    } catch (error) {
      if (!isDataError(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT async_entry');
      return undefined;
    }
    if (applied.length === 0) return undefined;
    const indexed = applied.map((a, index) => ({ index, change: a.change }));
    await this.outbox.enqueue(tx, head.client_id, table, outboxEntries(indexed, applied));
    answers.set(
      table,
      applied.map((a) => ({
        operation: a.operation,
        status: 'COMPLETED',
        note: OUTCOME_NOTES[a.outcome] ?? undefined,
      })),
    );
    return { completed: applied.length, failed: 0, deferred: 0 };
  }

  /**
   * One client and table, distinct records, one statement. A record the database refuses fails the statement: under
   * a savepoint the group is then applied record by record, and the refused ones become ERROR.
   */
  private async applyGroup(
    tx: PgTx,
    group: ClaimedOperation[],
    answers: Map<string, IngestAnswer[]>,
  ): Promise<Omit<WorkSummary, 'deferred'>> {
    const { client_id: clientId, table_name: tableName } = group[0];
    const table = findSyncedTable(tableName)?.name;
    if (!table) {
      await this.operations.markErrors(
        tx,
        group.map((op) => ({ id: op.id, error: `Table ${tableName} is not a synced table` })),
      );
      return { completed: 0, failed: group.length };
    }
    const changes = group.map(changeOf);
    const counted = answers.get(table) ?? [];
    answers.set(table, counted);
    await tx.query('SAVEPOINT async_group');
    try {
      counted.push(...(await this.apply(tx, clientId, table, changes)));
      return { completed: changes.length, failed: 0 };
    } catch (error) {
      if (!isDataError(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT async_group');
    }
    const failures: { id: bigint; error: string }[] = [];
    for (const change of changes) {
      await tx.query('SAVEPOINT async_record');
      try {
        counted.push(...(await this.apply(tx, clientId, table, [change])));
      } catch (error) {
        if (!isDataError(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT async_record');
        failures.push({ id: change.operationId, error: `Could not be stored: ${databaseMessage(error)}` });
        counted.push({ operation: change.operation, status: 'ERROR' });
      }
    }
    await this.operations.markErrors(tx, failures);
    return { completed: changes.length - failures.length, failed: failures.length };
  }

  /** Applies, writes the outbox entries, and returns the answers metrics count (once committed). */
  private async apply(
    tx: PgTx,
    clientId: string,
    table: SyncedTableName,
    changes: QueuedChange[],
  ): Promise<IngestAnswer[]> {
    const applied = await this.ingest.applyQueued(tx, clientId, table, changes);
    const indexed = changes.map((change, index) => ({ index, change: change as Change }));
    await this.outbox.enqueue(tx, clientId, table, outboxEntries(indexed, applied));
    return changes.map((change, k) => ({
      operation: change.operation,
      status: 'COMPLETED',
      note: OUTCOME_NOTES[applied[k].outcome] ?? undefined,
    }));
  }
}

function changeOf(op: ClaimedOperation): QueuedChange {
  return {
    operationId: op.id,
    operation: op.operation,
    id: op.record_id,
    ver: op.batch_version,
    queueId: op.queue_id,
    fields: op.operation === 'DELETE' ? null : (op.payload ?? {}),
  };
}

/**
 * The claimed operations that may be applied now, in claim order: not those of a record with an
 * older operation held elsewhere (`blocked`), nor any later one of that record in this claim. They
 * stay QUEUED, back in the queue, and a later claim takes them once the older one is applied.
 */
function runnable(claimed: ClaimedOperation[]): Set<ClaimedOperation> {
  const held = new Set<string>();
  return new Set(
    claimed.filter((op) => {
      const record = recordKey(op);
      if (op.blocked || held.has(record)) {
        held.add(record);
        return false;
      }
      return true;
    }),
  );
}

/** Claimed operations grouped by client and table (one statement each), in claim order. */
function byClientAndTable(claimed: ClaimedOperation[]): ClaimedOperation[][] {
  const groups = new Map<string, ClaimedOperation[]>();
  for (const op of claimed) {
    const key = `${op.client_id}\u0000${op.table_name}`;
    const group = groups.get(key);
    if (group) group.push(op);
    else groups.set(key, [op]);
  }
  return [...groups.values()];
}

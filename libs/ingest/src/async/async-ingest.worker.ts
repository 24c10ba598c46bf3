import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig, findSyncedTable, SyncedTableName } from '@app/common';
import {
  ChannelListener,
  databaseMessage,
  refusalReason,
  isDatabaseUnavailable,
  isDataError,
  PgTx,
  PrismaService,
} from '@app/database';
import { OperationError } from '@app/operations';
import { IngestAnswer, Metrics } from '@app/metrics';
import { WorkLoop } from '@app/scheduling';
import { OutboxWriter } from '@app/sync-failures';
import { Change } from '../change';
import { OUTCOME_NOTES } from '../apply-and-log.statement';
import { Applied, AppliedEntryChange, IngestRepository, QueuedChange } from '../ingest.repository';
import { outboxEntries } from '../ingest.service';
import { distinctRounds } from '../rounds';
import { ASYNC_QUEUE_CHANNEL, AsyncIngestRepository } from './async-ingest.repository';
import { AsyncQueueRepository, ClaimedOperation, QueueEntry } from './async-queue.repository';
import { byClientAndTable, changeOf, runnable } from './claimed-operations';
import { QueueHead } from './queue-head';
import { WorkSummary } from './work-summary';

export type { WorkSummary } from './work-summary';

/**
 * Applies queued operations: each batch is ONE transaction that claims queue entries holding up to
 * ASYNC_BATCH_SIZE QUEUED operations (FOR UPDATE SKIP LOCKED, AsyncQueueRepository), applies them per client and table with the synchronous
 * path's statement (IngestRepository.applyQueued: same upserts, same notes), writes their outbox
 * entries and marks them COMPLETED, or ERROR for a record the database refuses, and removes the
 * entries. Without an outbox, a batch-filling head entry is first tried by ONE statement that claims
 * and applies it (QueueHead), atomic on its own. A crash anywhere rolls the whole batch back: its entries are there again and the next claim takes them, so
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
    private readonly head: QueueHead,
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
    // Accepted work wakes the loops at once (NOTIFY); ASYNC_POLL_INTERVAL is the fallback. LISTEN
    // needs a session of its own: the direct connection (DATABASE_DIRECT_URL), not a pooled one.
    this.listener = new ChannelListener(
      prisma.directConnection,
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

  /**
   * One batch: claim, apply, record, in one transaction. The loops' unit of work, and what tests call.
   * Without an outbox to write, the shortest way first: one statement (QueueHead).
   */
  async processOnce(limit = this.config.asyncBatchSize): Promise<WorkSummary> {
    // On Citus the head statement's claim would span clients (refused there): the long way claims per client.
    if (!this.outbox.enabled && this.config.databaseEngine !== 'citus') {
      const done = await this.head.apply(limit);
      if (done) return done;
    }
    // Straight on a node-pg client (Prisma's interactive transaction cost more than the work in profiles).
    const answers = new Map<string, IngestAnswer[]>();
    let head: QueueEntry | undefined;
    let summary: WorkSummary;
    try {
      summary = await this.prisma.pgTransaction(async (tx) => {
        answers.clear(); // a retried transaction starts over
        head = await this.queue.claimHead(tx);
        return head ? this.applyClaim(tx, head, limit, answers) : { completed: 0, failed: 0, deferred: 0 };
      });
    } catch (error) {
      if (head && !isDatabaseUnavailable(error)) await this.countFailure(head, error as Error);
      throw error;
    }
    // Counted once committed, like a synchronous request's operations.
    for (const [table, list] of answers) this.metrics.applied(table, list);
    return summary;
  }

  /** A claim begun with `head`: the short way if it fills the batch and can, else the long way. */
  private async applyClaim(
    tx: PgTx,
    head: QueueEntry,
    limit: number,
    answers: Map<string, IngestAnswer[]>,
  ): Promise<WorkSummary> {
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
  }

  /**
   * A batch failed whole (rolled back): not a record the database refused (that one alone becomes
   * ERROR) nor the database out of reach, but something that may fail again each time. Counted
   * against its head entry, which is then tried alone; after ASYNC_MAX_ATTEMPTS its operations
   * become ERROR, so one entry cannot hold the queue's head forever.
   */
  private async countFailure(head: QueueEntry, error: Error): Promise<void> {
    const reason = databaseMessage(error).slice(0, 500);
    try {
      const { attempts, failed } = await this.queue.recordFailure(
        head,
        reason,
        this.config.asyncMaxAttempts,
        OperationError.RepeatedFailure,
      );
      if (failed > 0)
        this.logger.error(
          `Queue entry ${head.operation_id} failed ${attempts} times (${reason}): its ${failed} operation(s) are ERROR`,
        );
      else if (attempts > 0)
        this.logger.warn(`Queue entry ${head.operation_id} failed (attempt ${attempts}): ${reason}`);
    } catch (counting) {
      this.logger.warn(
        `Counting a failed attempt of queue entry ${head.operation_id} failed: ${(counting as Error).message}`,
      );
    }
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
    const changes = applied.map((a) => a.change);
    answers.set(table, await this.recordApplied(tx, head.client_id, table, changes, applied));
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
        clientId,
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
        this.logger.warn(`Queued record refused (${databaseMessage(error)})`);
        failures.push({ id: change.operationId, error: `Could not be stored: ${refusalReason(error)}` });
        counted.push({ operation: change.operation, status: 'ERROR' });
      }
    }
    await this.operations.markErrors(tx, clientId, failures);
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
    return this.recordApplied(tx, clientId, table, changes, applied);
  }

  /** Both ways' end: the outbox entries of what changed data, and the answers metrics count (once committed). */
  private async recordApplied(
    tx: PgTx,
    clientId: string,
    table: SyncedTableName,
    changes: Change[],
    applied: Applied[],
  ): Promise<IngestAnswer[]> {
    const indexed = changes.map((change, index) => ({ index, change }));
    await this.outbox.enqueue(tx, clientId, table, outboxEntries(indexed, applied));
    return applied.map((a) => ({
      operation: a.operation,
      status: 'COMPLETED',
      note: OUTCOME_NOTES[a.outcome] ?? undefined,
    }));
  }
}

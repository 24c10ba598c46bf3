import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SyncedTableName } from '@app/common';
import { isPgTx, PgTx, Prepared, PrismaService, Tx } from '@app/database';
import { Change, OPERATION_TYPES } from './change';
import {
  applyAndLogSql,
  HeadRow,
  LogMode,
  Outcome,
  QueuedChange,
  StatementOptions,
  StatementRow,
} from './apply-and-log.statement';
import { kindsSuffix, operationKinds } from './apply-and-log.upserts';
import {
  entryStatementValues,
  headStatementValues,
  queuedStatementValues,
  statementValues,
} from './apply-and-log.values';

export type { HeadRow, Outcome, QueuedChange } from './apply-and-log.statement';

export interface Applied {
  outcome: Outcome;
  operationId: bigint;
  operation: Change['operation'];
}

/** A change applied from a queue entry (applyEntry): its fields only when asked for. */
export interface AppliedEntryChange extends Applied {
  change: Change;
}

@Injectable()
export class IngestRepository {
  /** One prepared statement per mode and table (the statement's planning cost more than its execution). */
  private readonly statements = new Map<string, Prepared>();

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Applies changes to distinct records of one client AND logs their operations, in ONE statement
   * (apply-and-log.statement.ts): atomic on its own, so outside a transaction (`tx` undefined) it runs
   * straight on the pool, one round trip. A change to a record with operations waiting in the queue
   * is not applied but logged QUEUED behind them (outcome `queued`). With `outbox` (external sync
   * on) the statement also writes the outbox entries of the changes that changed data.
   */
  async applyAndLog(
    tx: Tx | PgTx | undefined,
    clientId: string,
    table: SyncedTableName,
    changes: Change[],
    deviceId: string | null = null,
    outbox = false,
  ): Promise<Applied[]> {
    const values = statementValues(clientId, table, changes, this.config.auditPayloads, deviceId);
    // Listing operations under their job is one more INSERT in the statement: only the statement
    // for changes with a job id carries it (a single record without one, the HTTP floor's case, not).
    const withJobs = changes.some((c) => c.queueId !== null);
    const options = { withJobs, kinds: operationKinds(changes), outbox };
    return (await this.rows(tx, 'insert', table, values, changes.length, options)).map(applied);
  }

  /** The worker's side: applies queued changes with the very same statement and marks their operations COMPLETED. */
  async applyQueued(tx: PgTx, clientId: string, table: SyncedTableName, changes: QueuedChange[]): Promise<Applied[]> {
    const values = queuedStatementValues(clientId, table, changes, this.config.auditPayloads);
    const options = { kinds: operationKinds(changes) };
    return (await this.rows(tx, 'complete', table, values, changes.length, options)).map(applied);
  }

  /**
   * The worker's short way: applies a claimed queue entry's operations whole and removes the entry,
   * in one statement; none applied (an empty answer) if any needs the long way (mode `entry`).
   */
  async applyEntry(
    tx: PgTx,
    clientId: string,
    table: SyncedTableName,
    entry: { operation_id: string; operation_ids: string[] },
    withFields: boolean,
  ): Promise<AppliedEntryChange[]> {
    const values = entryStatementValues(clientId, table, entry, this.config.auditPayloads, withFields);
    const rows = await this.rows(tx, 'entry', table, values, entry.operation_ids.length);
    return rows.map((r) => ({
      ...applied(r),
      change: { operation: r.operation, id: r.hash_id!, ver: r.ver!, queueId: null, fields: r.data ?? null },
    }));
  }

  /**
   * The worker's shortest way, when no outbox entries are to be written: ONE statement, atomic on
   * its own (straight on the pool), claims the queue's head entry (FOR UPDATE SKIP LOCKED) and, if
   * it is `table`'s, holds at least `minSize` operations and needs no care (as applyEntry), applies
   * it whole and removes it. Answers what it saw and did (HeadRow).
   */
  async applyHead(table: SyncedTableName, minSize: number): Promise<HeadRow> {
    const values = headStatementValues(table, this.config.auditPayloads, minSize);
    const [row] = await this.prisma.sql<HeadRow>(this.statement('head', table), values);
    return row;
  }

  private statement(mode: LogMode, table: SyncedTableName, options: StatementOptions = {}): Prepared {
    const kinds = kindsSuffix(options.kinds ?? OPERATION_TYPES);
    const name = `resync_apply_${mode}_${table}${options.withJobs ? '_jobs' : ''}${options.outbox ? '_outbox' : ''}${kinds}`;
    let statement = this.statements.get(name);
    if (statement === undefined) {
      const text = applyAndLogSql(table, mode, { ...options, citus: this.config.databaseEngine === 'citus' });
      this.statements.set(name, (statement = { name, text }));
    }
    return statement;
  }

  private async rows(
    tx: Tx | PgTx | undefined,
    mode: LogMode,
    table: SyncedTableName,
    values: unknown[],
    count: number,
    options: StatementOptions = {},
  ): Promise<StatementRow[]> {
    const statement = this.statement(mode, table, options);
    const rows =
      tx === undefined
        ? await this.prisma.sql<StatementRow>(statement, values)
        : isPgTx(tx)
          ? (await tx.query<StatementRow>(statement, values)).rows
          : await tx.$queryRawUnsafe<StatementRow[]>(statement.text, ...values);
    // One row per change, in input order: anything else would pair answers with the wrong changes.
    if (rows.length !== count && !(mode === 'entry' && rows.length === 0))
      throw new Error(`apply-and-log: ${rows.length} rows for ${count} changes`);
    return rows;
  }
}

function applied(r: StatementRow): Applied {
  return { outcome: r.outcome, operationId: BigInt(r.id), operation: r.operation };
}

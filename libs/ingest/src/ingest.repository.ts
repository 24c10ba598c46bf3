import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SyncedTableName } from '@app/common';
import { isPgTx, PgTx, Prepared, PrismaService, Tx } from '@app/database';
import { Change } from './change';
import {
  applyAndLogSql,
  LogMode,
  Outcome,
  QueuedChange,
  queuedStatementValues,
  statementValues,
  StatementRow,
} from './apply-and-log.statement';

export type { Outcome, QueuedChange } from './apply-and-log.statement';

export interface Applied {
  outcome: Outcome;
  operationId: bigint;
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
   * is not applied but logged QUEUED behind them (outcome `queued`).
   */
  async applyAndLog(
    tx: Tx | undefined,
    clientId: string,
    table: SyncedTableName,
    changes: Change[],
  ): Promise<Applied[]> {
    const values = statementValues(clientId, table, changes, this.config.auditPayloads);
    return this.run(tx, 'insert', table, values, changes.length);
  }

  /** The worker's side: applies queued changes with the very same statement and marks their operations COMPLETED. */
  async applyQueued(tx: PgTx, clientId: string, table: SyncedTableName, changes: QueuedChange[]): Promise<Applied[]> {
    const values = queuedStatementValues(clientId, table, changes, this.config.auditPayloads);
    return this.run(tx, 'complete', table, values, changes.length);
  }

  private async run(
    tx: Tx | PgTx | undefined,
    mode: LogMode,
    table: SyncedTableName,
    values: unknown[],
    count: number,
  ): Promise<Applied[]> {
    const name = `resync_apply_${mode}_${table}`;
    let statement = this.statements.get(name);
    if (statement === undefined) this.statements.set(name, (statement = { name, text: applyAndLogSql(table, mode) }));
    const rows =
      tx === undefined
        ? await this.prisma.sql<StatementRow>(statement, values)
        : isPgTx(tx)
          ? (await tx.query<StatementRow>(statement, values)).rows
          : await tx.$queryRawUnsafe<StatementRow[]>(statement.text, ...values);
    // One row per change, in input order: anything else would pair answers with the wrong changes.
    if (rows.length !== count) throw new Error(`apply-and-log: ${rows.length} rows for ${count} changes`);
    return rows.map((r) => ({ outcome: r.outcome, operationId: BigInt(r.id) }));
  }
}

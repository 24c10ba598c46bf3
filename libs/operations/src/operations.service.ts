import { Inject, Injectable, Logger } from '@nestjs/common';
import { allSyncedTables, APP_CONFIG, AppConfig, Clock, SyncedTable, SyncedTableName } from '@app/common';
import { OperationType, Tx } from '@app/database';
import { OperationError, OperationNote } from './operation-notes';
import { OperationLogEntry, OperationsRepository } from './operations.repository';
import { PayloadChanges, payloadChanges } from './payload-changes';

/** One operation of a record's history, with what an applied UPDATE changed (null otherwise or when unknown). */
export interface OperationHistoryEntry {
  /** The operation log id, as text (a bigint does not fit a JSON number). */
  id: string;
  operation: string;
  status: string;
  note: string | null;
  error: string | null;
  batchVersion: number;
  queueId: string | null;
  deviceId: string | null;
  payload: Record<string, unknown> | null;
  changes: PayloadChanges | null;
  createdAt: Date;
  updatedAt: Date;
}

export type MissingOperationsLevel = 'normal' | 'warning' | 'critical';

/** Which tables and client a monitoring report covers (all when unset). */
export interface MonitoringFilter {
  table?: SyncedTable;
  clientId?: string;
}

export interface LostRecord {
  hash_id: string;
  ver: number;
  operation: Exclude<OperationType, 'DELETE'>;
  completed_at: string;
}

export interface MissingRecord {
  hash_id: string;
  ver: number;
  created_at: string;
}

/** A monitoring report: per table and client, how many rows are affected, their level and up to 100 of them. */
export interface MonitoringReport<K extends string, R> {
  level: MissingOperationsLevel;
  thresholds: { warning: number; critical: number };
  tables: ({
    table: string;
    clients: ({ client_id: string; level: MissingOperationsLevel; records: R[] } & Record<K, number>)[];
  } & Record<K, number>)[];
}

export type LostRowsReport = MonitoringReport<'lost', LostRecord>;
export type MissingOperationsReport = MonitoringReport<'missing', MissingRecord>;

@Injectable()
export class OperationsService {
  private readonly logger = new Logger(OperationsService.name);

  constructor(
    private readonly repository: OperationsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Logs operations inside the caller's transaction, so they commit (or not) with the change. */
  log(tx: Tx, clientId: string, table: SyncedTableName, entries: OperationLogEntry[]): Promise<bigint[]> {
    return this.repository.insertMany(tx, clientId, table, entries);
  }

  async history(clientId: string, table: SyncedTableName, recordId: string): Promise<OperationHistoryEntry[]> {
    const rows = await this.repository.history(clientId, table, recordId);
    const changes = payloadChanges(rows);
    return rows.map((row, k) => ({
      id: row.id.toString(),
      operation: row.operation,
      status: row.status,
      note: row.note,
      error: row.error,
      batchVersion: row.batch_version,
      queueId: row.queue_id,
      deviceId: row.device_id,
      payload: row.payload,
      changes: changes[k],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  /** Operations left PROCESSING past STALE_OPERATION_TIMEOUT (a crash, say) become ERROR so clients resend; QUEUED ones wait for a worker. */
  async markStaleAsError(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.staleOperationTimeoutMs);
    const count = await this.repository.markStaleAsError(cutoff, OperationError.ProcessingInterrupted);
    if (count > 0) this.logger.warn(`${count} operation(s) stuck in PROCESSING marked ERROR`);
    return count;
  }

  async missingOperations(table: SyncedTableName, limit = 100) {
    const rows = await this.repository.missingOperations(table, limit);
    return rows.map((row) => ({ ...row, records: row.records ?? [], level: this.levelOf(row.missing) }));
  }

  /**
   * Records whose last applied write is COMPLETED but whose row is gone (the mirror of a missing
   * history; status answers them ERROR so the client resends). Same levels as missing operations.
   */
  async lostRows(table: SyncedTableName, limit = 100) {
    const rows = await this.repository.lostRows(table, OperationNote.StaleVersionIgnored, limit);
    return rows.map((row) => ({
      client_id: row.client_id,
      lost: row.lost,
      records: row.records ?? [],
      level: this.levelOf(row.lost),
    }));
  }

  /** The missing-operations monitor over the filtered tables and client. */
  missingOperationsReport(filter: MonitoringFilter): Promise<MissingOperationsReport> {
    return this.report(filter, 'missing', (table) => this.missingOperations(table));
  }

  /** The lost-rows monitor over the filtered tables and client. */
  lostRowsReport(filter: MonitoringFilter): Promise<LostRowsReport> {
    return this.report(filter, 'lost', (table) => this.lostRows(table));
  }

  private async report<K extends 'missing' | 'lost', R>(
    filter: MonitoringFilter,
    key: K,
    perClient: (
      table: SyncedTableName,
    ) => Promise<({ client_id: string; level: MissingOperationsLevel; records: R[] } & Record<K, number>)[]>,
  ): Promise<MonitoringReport<K, R>> {
    const tables = filter.table ? [filter.table] : allSyncedTables();
    const report = await Promise.all(
      tables.map(async (table) => {
        const clients = (await perClient(table.name)).filter(
          (c) => !filter.clientId || c.client_id === filter.clientId,
        );
        return { table: table.name, [key]: clients.reduce((sum, c) => sum + c[key], 0), clients } as MonitoringReport<
          K,
          R
        >['tables'][number];
      }),
    );
    return {
      level: this.worst(report.flatMap((t) => t.clients.map((c) => c.level))),
      thresholds: this.thresholds(),
      tables: report,
    };
  }

  private worst(levels: MissingOperationsLevel[]): MissingOperationsLevel {
    return levels.includes('critical') ? 'critical' : levels.includes('warning') ? 'warning' : 'normal';
  }

  thresholds(): { warning: number; critical: number } {
    return { warning: this.config.missingOperationsWarning, critical: this.config.missingOperationsCritical };
  }

  /** 0-10 normal, 11-100 warning, over 100 critical (thresholds configurable). */
  levelOf(missing: number): MissingOperationsLevel {
    if (missing > this.config.missingOperationsCritical) return 'critical';
    if (missing > this.config.missingOperationsWarning) return 'warning';
    return 'normal';
  }
}

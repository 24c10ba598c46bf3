import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, SyncedTableName } from '@app/common';
import { Tx } from '@app/database';
import { OperationError } from './operation-notes';
import { OperationLogEntry, OperationsRepository } from './operations.repository';

export type MissingOperationsLevel = 'normal' | 'warning' | 'critical';

/** The only writer of the operation log and of operation statuses. */
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

  history(clientId: string, table: SyncedTableName, recordId: string) {
    return this.repository.history(clientId, table, recordId);
  }

  /** Operations left QUEUED/PROCESSING past STALE_OPERATION_TIMEOUT (a crash, say) become ERROR so clients resend. */
  async markStaleAsError(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.staleOperationTimeoutMs);
    const count = await this.repository.markStaleAsError(cutoff, OperationError.ProcessingInterrupted);
    if (count > 0) this.logger.warn(`${count} operation(s) stuck in QUEUED/PROCESSING marked ERROR`);
    return count;
  }

  async missingOperations(table: SyncedTableName, limit = 100) {
    const rows = await this.repository.missingOperations(table, limit);
    return rows.map((row) => ({ ...row, records: row.records ?? [], level: this.levelOf(row.missing) }));
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

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { LockKey, PrismaService } from '@app/database';
import { OperationLogRetentionRepository, RawTx, rawOf } from './operation-log-retention.repository';

/**
 * What one retention run did: partitions dropped, and the first one kept although past the
 * retention, because operations in it are in flight or (OPERATION_LOG_REQUIRE_ARCHIVE) it was not exported.
 */
export interface RetentionRun {
  retired: string[];
  refused: string[];
}

/**
 * Retention (OPERATION_LOG_RETENTION, off by default; docs/operation-log.md): drops whole
 * partitions of the operation log whose newest operation is older than the retention (and than
 * TOMBSTONE_RETENTION, which config already makes the shorter), oldest first, never one that
 * operations still go to or that holds a QUEUED or PROCESSING operation. Before a partition goes,
 * its records' heads are written (the status decision table's needs). Each step is a short
 * transaction holding retention's advisory lock: one instance at a time.
 */
@Injectable()
export class OperationLogRetentionService {
  private readonly logger = new Logger(OperationLogRetentionService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: OperationLogRetentionRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Undefined when another instance holds the lock. */
  async retireExpired(): Promise<RetentionRun | undefined> {
    const run: RetentionRun = { retired: [], refused: [] };
    if (this.config.operationLogRetentionMs === undefined) return run;
    const keep = Math.max(this.config.operationLogRetentionMs, this.config.tombstoneRetentionMs);
    const cutoff = new Date(this.clock.now().getTime() - keep);
    for (const partition of await this.repository.retirable()) {
      if (partition.newest !== null && partition.newest >= cutoff) break; // later ones are newer still
      if (this.config.operationLogRequireArchive && !partition.archived && partition.newest !== null) {
        run.refused.push(partition.name);
        break;
      }
      const summarized = await this.withLock((tx) => this.repository.summarize(tx, partition.name));
      if (!summarized.acquired) return undefined;
      if (!summarized.result) {
        run.refused.push(partition.name);
        break; // retired in id order only
      }
      const dropped = await this.withLock((tx) => this.repository.drop(tx, partition.name));
      if (!dropped.acquired) return undefined;
      run.retired.push(partition.name);
    }
    if (run.retired.length + run.refused.length > 0)
      this.logger.log(
        `Operation log retention: retired ${run.retired.join(', ') || 'none'}; kept (in flight) ${run.refused.join(', ') || 'none'}`,
      );
    return run;
  }

  /**
   * `work` in a node-pg transaction holding retention's advisory lock (shared with compaction), if
   * this instance wins it: no ORM transaction timeout (summarizing a month of 5 million operations
   * takes minutes; 1 million took 23 s on a loaded 2-core machine, bench/oplog-retire.js).
   */
  private withLock<T>(work: (tx: RawTx) => Promise<T>): Promise<{ acquired: boolean; result?: T }> {
    return this.prisma.pgTransaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1::bigint) AS locked`, [
        LockKey.OperationLogRetention,
      ]);
      return rows[0].locked ? { acquired: true, result: await work(rawOf(tx)) } : { acquired: false };
    });
  }
}

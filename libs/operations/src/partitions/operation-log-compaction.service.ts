import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { LockKey, PrismaService } from '@app/database';
import { compactPartition } from './compact-partition';
import { nextOperationId } from './operation-log-partitions.repository';

/** What one compaction run did: partitions rewritten packed, and the first one skipped with operations in flight. */
export interface CompactionRun {
  compacted: string[];
  busy: string[];
}

/**
 * Compaction (OPERATION_LOG_COMPACT, on by default; docs/operation-log.md): each partition whose
 * period is over (ids wholly below the sequence) is rewritten once at fillfactor 100 with packed
 * indexes (compactPartition), oldest first, each in its own transaction on the pool (no ORM
 * transaction timeout: a month of operations takes minutes) holding compaction's advisory lock.
 */
@Injectable()
export class OperationLogCompactionService {
  private readonly logger = new Logger(OperationLogCompactionService.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Undefined when another instance holds the lock. */
  async compactClosed(): Promise<CompactionRun | undefined> {
    const run: CompactionRun = { compacted: [], busy: [] };
    if (!this.config.operationLogCompact) return run;
    const next = await nextOperationId(this.prisma);
    const closed = await this.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM sync_operation_partitions
       WHERE retired_at IS NULL AND compacted_at IS NULL AND end_id <= $1::bigint ORDER BY first_id`,
      next.toString(),
    );
    for (const { name } of closed) {
      const outcome = await this.prisma.pgTransaction(async (tx) => {
        const { rows } = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1::bigint) AS locked`, [
          LockKey.OperationLogRetention, // one lock for compaction and retention: they never work on a partition at once
        ]);
        return rows[0].locked ? compactPartition(tx, name) : 'locked';
      });
      if (outcome === 'locked') return undefined;
      if (outcome === 'busy') {
        run.busy.push(name);
        break;
      }
      run.compacted.push(name);
    }
    if (run.compacted.length > 0) this.logger.log(`Operation log: compacted ${run.compacted.join(', ')}`);
    return run;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { allSyncedTables, APP_CONFIG, AppConfig, Clock, SyncedTableName } from '@app/common';
import { LockKey, PrismaService, Tx } from '@app/database';
import { TombstonesRepository } from './tombstones.repository';

/**
 * Purges tombstones older than TOMBSTONE_RETENTION, table by table, in batches of
 * TOMBSTONE_PURGE_BATCH_SIZE. Each batch is a short transaction that holds the purge's advisory
 * lock, so one instance purges at a time and no transaction stays open for a whole run. After a
 * tombstone is purged, a write older than the deletion can bring the record back (README).
 */
@Injectable()
export class TombstonePurgeService {
  private readonly logger = new Logger(TombstonePurgeService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: TombstonesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Tombstones purged per table, or undefined when another instance holds the lock. */
  async purgeExpired(): Promise<Record<string, number> | undefined> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.tombstoneRetentionMs);
    const limit = this.config.tombstonePurgeBatchSize;
    const purged: Record<string, number> = {};
    for (const table of allSyncedTables()) {
      purged[table.name] = 0;
      for (;;) {
        const { acquired, result } = await this.prisma.withTryLock(LockKey.TombstonePurge, (tx) =>
          this.config.databaseEngine === 'citus'
            ? this.purgeByClient(tx, table.name, cutoff, limit)
            : this.repository.purge(tx, table.name, cutoff, limit),
        );
        if (!acquired) return undefined;
        purged[table.name] += result ?? 0;
        if ((result ?? 0) < limit) break;
      }
    }
    const total = Object.values(purged).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log(`Purged ${total} tombstone(s) older than ${cutoff.toISOString()}`);
    return purged;
  }

  /**
   * One batch on Citus, where a lock may not span shards: the clients with expired tombstones
   * (read without locks), each purged by the same statement for that client alone, up to `limit` in all.
   */
  private async purgeByClient(tx: Tx, table: SyncedTableName, cutoff: Date, limit: number): Promise<number> {
    let purged = 0;
    for (const client of await this.repository.clientsWithExpired(tx, table, cutoff, limit)) {
      if (purged >= limit) break;
      purged += await this.repository.purge(tx, table, cutoff, limit - purged, client);
    }
    return purged;
  }
}

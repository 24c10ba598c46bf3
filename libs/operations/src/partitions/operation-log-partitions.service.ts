import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { Tx } from '@app/database';
import { OperationLogPartitionsRepository } from './operation-log-partitions.repository';

/** What one run of the partitions job did. */
export interface PartitionsRun {
  /** Partitions created ahead. */
  created: string[];
  /** The partition operations now go to, when this run moved the id sequence to it. */
  started: string | null;
}

/**
 * Keeps the operation log's partitions (docs/operation-log.md): OPERATION_LOG_PARTITIONS_AHEAD
 * partitions created ahead of the current period, and the current period's partition the one new
 * operations go to. Runs in the partitions job's transaction (its advisory lock: one instance).
 */
@Injectable()
export class OperationLogPartitionsService {
  private readonly logger = new Logger(OperationLogPartitionsService.name);

  constructor(
    private readonly repository: OperationLogPartitionsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async maintain(tx: Tx): Promise<PartitionsRun> {
    const now = this.clock.now();
    const partitions = await this.repository.list(tx);
    const created: string[] = [];
    while (partitions.filter((p) => p.startsAt > now).length < this.config.operationLogPartitionsAhead) {
      const last = partitions[partitions.length - 1];
      const startsAt = await this.repository.nextStart(tx, last, this.config.operationLogPartition, now);
      const partition = await this.repository.create(tx, last.endId, startsAt, this.config.operationLogFillfactor);
      partitions.push(partition);
      created.push(partition.name);
    }
    const current = partitions.filter((p) => p.startsAt <= now).pop()!;
    const started = (await this.repository.startAt(tx, current.firstId)) ? current.name : null;
    if (created.length > 0 || started)
      this.logger.log(`Operation log partitions: created ${created.join(', ') || 'none'}; current ${current.name}`);
    return { created, started };
  }
}

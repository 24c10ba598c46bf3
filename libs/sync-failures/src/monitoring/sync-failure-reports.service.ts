import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { PrismaService, Tx } from '@app/database';
import { FailedDelivery, FailureFilter, SyncFailuresService, toFailedDelivery } from '../failures';
import { EntityFailuresRow, FailureStatsRow, SyncFailureReportsRepository } from './sync-failure-reports.repository';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TOP_ENTITIES = 10;

export interface AlertRule {
  value: number;
  threshold: number;
  firing: boolean;
}

export interface SyncAlerts {
  firing: boolean;
  checkedAt: Date;
  /** Failed deliveries (first attempts and retries) in the last hour. */
  failuresLastHour: AlertRule;
  /** The entity id with the most failed deliveries in the last 24 hours; `entities` lists those above the threshold. */
  entityFailures: AlertRule & { entities: EntityFailuresRow[] };
  /** Average retry_count of failures created in the last 24 hours. */
  averageRetries: AlertRule;
}

/** Listing, statistics and alerts: reads only, the clock decides "now". */
@Injectable()
export class SyncFailureReportsService {
  constructor(
    private readonly repository: SyncFailureReportsRepository,
    private readonly failures: SyncFailuresService,
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async find(id: string): Promise<FailedDelivery | undefined> {
    const row = await this.repository.findById(id);
    return row && toFailedDelivery(row, this.failures.maxRetries);
  }

  /** Newest first. */
  async list(filter: FailureFilter, page: number, limit: number): Promise<{ items: FailedDelivery[]; total: number }> {
    const max = this.failures.maxRetries;
    const [rows, total] = await Promise.all([
      this.repository.list(filter, max, (page - 1) * limit, limit),
      this.repository.count(filter, max),
    ]);
    return { items: rows.map((row) => toFailedDelivery(row, max)), total };
  }

  async stats(): Promise<{ since: Date; rows: FailureStatsRow[] }> {
    const since = new Date(this.clock.now().getTime() - DAY_MS);
    return { since, rows: await this.repository.stats(since) };
  }

  /** The product document's three alert rules, with thresholds from the configuration. */
  async alerts(db: Tx | PrismaService = this.prisma): Promise<SyncAlerts> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - DAY_MS);
    const numbers = await this.repository.alertNumbers(db, new Date(now.getTime() - HOUR_MS), since);
    const top = await this.repository.entityFailures(db, since, TOP_ENTITIES);
    const rule = (value: number, threshold: number): AlertRule => ({ value, threshold, firing: value > threshold });
    const failuresLastHour = rule(numbers.failures_last_hour, this.config.syncAlertFailuresPerHour);
    const entityFailures = {
      ...rule(top[0]?.failures ?? 0, this.config.syncAlertEntityFailures),
      entities: top.filter((e) => e.failures > this.config.syncAlertEntityFailures),
    };
    const averageRetries = rule(numbers.avg_retries, this.config.syncAlertAvgRetries);
    return {
      firing: failuresLastHour.firing || entityFailures.firing || averageRetries.firing,
      checkedAt: now,
      failuresLastHour,
      entityFailures,
      averageRetries,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { Gauge } from 'prom-client';
import { Metrics } from './metrics';

/** This instance's database pool, read from node-pg's counters when scraped (no query). */
@Injectable()
export class PoolMetrics {
  constructor(metrics: Metrics, prisma: PrismaService) {
    const pool = prisma.pool;
    new Gauge({
      name: 'resync_db_pool_connections',
      help: "Connections of this instance's database pool by state: in_use, idle",
      labelNames: ['state'],
      registers: [metrics.registry],
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
      },
    });
    new Gauge({
      name: 'resync_db_pool_waiting',
      help: 'Queries of this instance waiting for a free pool connection',
      registers: [metrics.registry],
      collect() {
        this.set(pool.waitingCount);
      },
    });
    new Gauge({
      name: 'resync_db_pool_max',
      help: "Size limit of this instance's database pool (DATABASE_POOL_SIZE)",
      registers: [metrics.registry],
    }).set(pool.options.max ?? 10);
  }
}

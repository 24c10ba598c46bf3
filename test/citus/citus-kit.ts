import { applyMigrations, distribute } from '@app/database';
import { createTestApp, TestApp, TestAppOptions, TestDatabase } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ApiModule } from '../../apps/api/src/api.module';

const { createClusterDatabase, dropClusterDatabase, query } = require('../../scripts/citus-cluster');

/** What the app under test runs with on the cluster (docs/scaling.md "Scaling out with Citus"). */
export const CITUS_ENV = { DATABASE_ENGINE: 'citus' } as const;

/** The run's cluster (test/citus/global-setup.ts). */
export function citusCluster(): { coordinatorUrl: string; workerUrls: string[] } {
  const coordinatorUrl = process.env.RESYNC_CITUS_COORDINATOR_URL;
  if (!coordinatorUrl) throw new Error('No Citus cluster: run these files with `npm run test:citus`');
  return { coordinatorUrl, workerUrls: process.env.RESYNC_CITUS_WORKER_URLS!.split(',') };
}

/**
 * A fresh database on every node of the cluster, as an operator makes one: the extension and the
 * workers registered, the real migrations applied on the coordinator, then `distribute` (what
 * `npm run db:distribute` runs). drop() removes it from every node.
 */
export async function createCitusDatabase(): Promise<TestDatabase> {
  const cluster = citusCluster();
  const name = `resync_citus_${randomBytes(5).toString('hex')}`;
  const url: string = await createClusterDatabase(cluster, name);
  try {
    await applyMigrations(url);
    await distribute(url);
  } catch (error) {
    await dropClusterDatabase(cluster, name).catch(() => undefined);
    throw error;
  }
  return { name, url, drop: () => dropClusterDatabase(cluster, name) };
}

export interface DistributedTable {
  table: string;
  /** h: hash-distributed, n: reference table, null: a plain table of the coordinator. */
  method: 'h' | 'n' | 'a' | 'r' | null;
  column: string | null;
  colocation: number | null;
  /** How many nodes hold a shard placement of it. */
  nodes: number;
}

/**
 * Every table of the public schema (not partitions, not the migrator's own table) with how Citus
 * holds it: a green Citus suite must mean the data really lives on the workers.
 */
export async function distribution(url: string): Promise<DistributedTable[]> {
  const { rows } = await query(
    url,
    `SELECT c.relname AS table, p.partmethod AS method,
            CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS column,
            p.colocationid AS colocation,
            (SELECT count(DISTINCT pl.groupid)::int FROM pg_dist_shard s JOIN pg_dist_placement pl USING (shardid)
              WHERE s.logicalrelid = c.oid) AS nodes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  );
  return rows;
}

/** The app on a fresh Citus database of its own (DATABASE_ENGINE=citus), for a spec file: beforeAll/afterAll. */
export function useCitusApp(
  options: Omit<TestAppOptions, 'database' | 'module'> & Partial<Pick<TestAppOptions, 'module'>> = {},
) {
  const kit = {
    t: undefined as unknown as TestApp,
    database: undefined as unknown as TestDatabase,
    /** A query on its own connection to the test database (the coordinator). */
    sql: async <R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> =>
      (await query(kit.database.url, text, values)).rows as R[],
  };
  beforeAll(async () => {
    kit.database = await createCitusDatabase();
    kit.t = await startCitusApp(kit.database, options);
  });
  afterAll(async () => {
    await kit.t?.close();
    await kit.database?.drop();
  });
  return kit;
}

/** One app instance (in this process) on `database`, with DATABASE_ENGINE=citus. */
export function startCitusApp(
  database: TestDatabase,
  options: Omit<TestAppOptions, 'database' | 'module'> & Partial<Pick<TestAppOptions, 'module'>> = {},
): Promise<TestApp> {
  return createTestApp({
    module: (config) => ApiModule.register(config),
    ...options,
    database,
    env: { ...CITUS_ENV, ...options.env },
  });
}

/** A node-pg connection to `url` for a spec's checks; the caller ends it. */
export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

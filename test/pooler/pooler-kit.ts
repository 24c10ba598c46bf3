import { createTestDatabase, TestDatabase } from '@app/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess, killStartedApps, startApp, waitForHealth } from '../foundation/app-process';
import { API_MAIN, ROOT } from '../foundation/built-app';
import { freePort } from '../setup/free-port';
import { FakeExternalSystem } from '../sync-failures/fake-external-system';
import { Pooler, startPgBouncer } from './pgbouncer';

export const ADMIN_TOKEN = 'pooler-admin-token-0001';
/** One key per concurrent client, each its own client id. */
export const CLIENTS = Array.from({ length: 8 }, (_, i) => ({
  clientId: `POOL_00${i + 1}`,
  key: `pooler-key-000${i + 1}`,
}));
/** A zone far from UTC as the database's default: a pooler that dropped the app's TimeZone would show. */
export const DATABASE_ZONE = 'America/Monterrey';

export interface PoolerSetup {
  pooler: Pooler;
  database: TestDatabase;
  fake: FakeExternalSystem;
  apps: AppProcess[];
  /** A direct connection to the test database, for checks. */
  direct: Client;
  close(): Promise<void>;
}

/**
 * PgBouncer (transaction mode, 4 server connections) in front of the run's PostgreSQL, an empty
 * database whose default TimeZone is not UTC, and `instances` built API processes started at the
 * same time: DATABASE_URL through the pooler without prepared statements, DATABASE_DIRECT_URL
 * straight to PostgreSQL, jobs on (asynchronous workers, outbox dispatcher, crons every second),
 * delivering to a fake external system.
 */
export async function startBehindPooler(instances: number, env: Record<string, string> = {}): Promise<PoolerSetup> {
  if (!existsSync(join(ROOT, API_MAIN))) throw new Error('Run `npm run build` first (npm run test:pooler does)');
  const pooler = await startPgBouncer(process.env.RESYNC_TEST_SERVER_URL!, 4);
  const cleanup: (() => Promise<unknown>)[] = [() => pooler.stop()];
  const close = async () => {
    await killStartedApps();
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    const database = await createTestDatabase({ empty: true });
    cleanup.push(() => database.drop());
    const direct = new Client({ connectionString: database.url });
    await direct.connect();
    cleanup.push(() => direct.end());
    await direct.query(`ALTER DATABASE "${database.name}" SET TimeZone = '${DATABASE_ZONE}'`);
    const fake = await FakeExternalSystem.start();
    cleanup.push(() => fake.close());
    const cwd = mkdtempSync(join(tmpdir(), 'resync-pooler-'));
    cleanup.push(async () => rmSync(cwd, { recursive: true, force: true }));
    const apps: AppProcess[] = [];
    for (let i = 0; i < instances; i++) {
      apps.push(
        startApp(
          API_MAIN,
          {
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: String(await freePort()),
            DATABASE_URL: pooler.url(database.url),
            // Named, so that the direct connections can be told apart from the pooler's.
            DATABASE_DIRECT_URL: directUrl(database.url),
            DATABASE_PREPARED_STATEMENTS: 'false',
            DATABASE_POOL_SIZE: '8',
            API_KEYS: CLIENTS.map((c) => `${c.clientId}:${c.key}`).join(','),
            ADMIN_TOKEN,
            EXTERNAL_SYNC_URL: fake.url,
            SYNC_DISPATCH_INTERVAL: '100ms',
            // The crons (each under a transaction-scoped advisory lock) tick every second, under the load.
            STALE_OPERATION_CRON: '* * * * * *',
            METRICS_REFRESH_CRON: '* * * * * *',
            SYNC_RETRY_CRON: '* * * * * *',
            SYNC_ALERT_CRON: '* * * * * *',
            LOG_LEVEL: 'warn',
            RUN_JOBS: 'true',
            ...env,
          },
          cwd,
        ),
      );
    }
    await Promise.all(apps.map((app) => waitForHealth(app)));
    return { pooler, database, fake, apps, direct, close };
  } catch (error) {
    await close(); // an app that did not start must not leave PgBouncer and the database behind
    throw error;
  }
}

/** The test database's URL as the apps' DATABASE_DIRECT_URL: straight to PostgreSQL, named DIRECT_APPLICATION. */
export const DIRECT_APPLICATION = 'resync-direct';
function directUrl(url: string): string {
  const direct = new URL(url);
  direct.searchParams.set('application_name', DIRECT_APPLICATION);
  return direct.toString();
}

/** A fetch to one app as a client (or the admin), JSON in and out. */
export async function call(
  app: AppProcess,
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${app.port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: response.status, body: parsed };
}

/** Polls `check` until it returns true or `withinMs` passes; returns the last result. */
export async function eventually(check: () => Promise<boolean>, withinMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return check();
}

import { readMigrations } from '@app/database';
import { runApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { isRunning, killStartedApps, postmasterPid, processesMentioning, startApp, waitForHealth } from './app-process';
import { freePort } from '../setup/free-port';
import { StartupFixture } from './startup-fixture';
import { API_MAIN, buildApps, WORKER_MAIN } from './built-app';

const CREDENTIALS = {
  API_KEYS: 'MTY_001:mty-secret-key-0001,GDL_002:gdl-secret-key-0002',
  ADMIN_TOKEN: 'startup-admin-token-0123',
};
const PROCESS_TIMEOUT = 180_000;

/** The built app as a process, the way `npm run start:prod` and the Docker image start it. */
describe(`${runApp.name} (the built app as a process)`, () => {
  const databases: TestDatabase[] = [];
  const fixture = new StartupFixture({ prefix: 'resync-startup-', logLevel: 'warn', credentials: CREDENTIALS });
  const tempDir = () => fixture.tempDir();
  const env = (extra: Record<string, string>) => fixture.env(extra);

  beforeAll(() => buildApps(), 300_000);

  afterAll(async () => {
    await killStartedApps();
    for (const dir of fixture.tempDirs) {
      // An app killed above leaves its embedded PostgreSQL behind; stop it before removing its files.
      const pid = postmasterPid(join(dir, 'pg'));
      if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    }
    await Promise.all(databases.map((database) => database.drop()));
  }, 60_000);

  it(
    'starts two instances at once on one empty database; each migration is applied exactly once',
    async () => {
      const database = await createTestDatabase({ empty: true });
      databases.push(database);
      const cwd = tempDir();
      const [first, second] = [
        startApp(API_MAIN, await env({ DATABASE_URL: database.url }), cwd),
        startApp(API_MAIN, await env({ DATABASE_URL: database.url }), cwd),
      ];

      await Promise.all([waitForHealth(first), waitForHealth(second)]);

      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT migration_name, checksum, count(*)::int AS times, bool_and(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS finished
             FROM "_prisma_migrations" GROUP BY migration_name, checksum ORDER BY migration_name`,
        );
        const expected = readMigrations().map((m) => ({
          migration_name: m.name,
          checksum: m.checksum,
          times: 1,
          finished: true,
        }));
        expect(expected.length).toBeGreaterThan(0);
        expect(rows).toEqual(expected);
      } finally {
        await client.end();
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    'starts and answers with metrics off (METRICS_ENABLED=false)',
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      const app = startApp(API_MAIN, await env({ DATABASE_URL: database.url, METRICS_ENABLED: 'false' }), tempDir());

      await waitForHealth(app);
      expect((await fetch(`http://127.0.0.1:${app.port}/metrics`)).status).toBe(404); // and no /metrics
    },
    PROCESS_TIMEOUT,
  );

  it(
    'exits non-zero on bad configuration before starting a database, naming every bad variable and no secret',
    async () => {
      const cwd = tempDir();
      const app = startApp(
        API_MAIN,
        {
          PORT: 'abc',
          LOG_LEVEL: 'loud',
          API_KEYS: 'MTY 001:s3cret-never-printed',
          ADMIN_TOKEN: CREDENTIALS.ADMIN_TOKEN,
          EMBEDDED_DB_DIR: join(cwd, 'pg'),
        },
        cwd,
      );

      const { code } = await app.exited;

      expect(code).not.toBe(0);
      expect(app.output()).toContain('PORT must be an integer from 0 to 65535, got "abc"');
      expect(app.output()).toContain('LOG_LEVEL must be one of');
      expect(app.output()).toContain('API_KEYS entry 1 must be clientId:key');
      expect(app.output()).not.toContain('s3cret-never-printed');
      expect(existsSync(join(cwd, 'pg'))).toBe(false); // it stopped before starting any database
    },
    PROCESS_TIMEOUT,
  );

  it(
    'without DATABASE_URL runs an embedded PostgreSQL and stops it on SIGTERM, exiting 0',
    async () => {
      const cwd = tempDir();
      const dataDir = join(cwd, 'pg');
      // Development: production refuses to start without DATABASE_URL (startup-database.e2e-spec.ts).
      const app = startApp(
        API_MAIN,
        await env({ NODE_ENV: 'development', EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: String(await freePort()) }),
        cwd,
      );

      await waitForHealth(app);
      const postgres = postmasterPid(dataDir);
      expect(postgres).toEqual(expect.any(Number));
      expect(isRunning(postgres!)).toBe(true);
      expect(processesMentioning(dataDir)).toContain(postgres);

      app.child.kill('SIGTERM');
      const exit = await app.exited;

      expect({ exit, output: exit.code === 0 ? '' : app.output() }).toEqual({
        exit: { code: 0, signal: null },
        output: '',
      });
      expect(isRunning(postgres!)).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    },
    PROCESS_TIMEOUT,
  );

  it(
    'starts the worker, which answers /health and exits 0 on SIGTERM',
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      const worker = startApp(WORKER_MAIN, await env({ DATABASE_URL: database.url, RUN_JOBS: 'true' }), tempDir());

      await waitForHealth(worker);
      worker.child.kill('SIGTERM');

      expect(await worker.exited).toEqual({ code: 0, signal: null });
    },
    PROCESS_TIMEOUT,
  );
});

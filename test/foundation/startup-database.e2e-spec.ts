import { runApp } from '@app/platform';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, Server } from 'node:net';
import { join } from 'node:path';
import { killStartedApps, startApp, waitForHealth } from './app-process';
import { freePort } from '../setup/free-port';
import { StartupFixture } from './startup-fixture';
import { API_MAIN, buildApps } from './built-app';

const CREDENTIALS = { API_KEYS: 'MTY_001:mty-secret-key-0001', ADMIN_TOKEN: 'startup-admin-token-0123' };
const PROCESS_TIMEOUT = 180_000;

/** Start-up against a database that is missing, late or unreachable, and the development credentials. */
describe(`${runApp.name}: database and credentials at start-up`, () => {
  const databases: TestDatabase[] = [];
  const fixture = new StartupFixture({ prefix: 'resync-startup-db-', logLevel: 'info', credentials: CREDENTIALS });
  const tempDir = () => fixture.tempDir();
  const env = (extra: Record<string, string>) => fixture.env(extra);
  const servers: Server[] = [];

  beforeAll(() => buildApps(), 300_000);

  afterAll(async () => {
    await killStartedApps();
    for (const server of servers) server.close();
    for (const dir of fixture.tempDirs) rmSync(dir, { recursive: true, force: true });
    await Promise.all(databases.map((database) => database.drop()));
  }, 60_000);

  /** Forwards 127.0.0.1:port to the test database, as a database that comes up late would appear. */
  function proxy(port: number, target: URL): Promise<void> {
    const server = createServer((socket) => {
      const upstream = createConnection(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    servers.push(server);
    return new Promise((listening) => server.listen(port, '127.0.0.1', listening));
  }

  const stackLines = (output: string) => output.split('\n').filter((line) => /^\s+at /.test(line));

  it(
    'refuses NODE_ENV=production without DATABASE_URL, saying so, and starts no database',
    async () => {
      const cwd = tempDir();
      const app = startApp(API_MAIN, await env({ EMBEDDED_DB_DIR: join(cwd, 'pg') }), cwd);

      const exit = await app.exited;

      expect(exit.code).toBe(1);
      expect(app.output()).toContain('DATABASE_URL is required in production');
      expect(existsSync(join(cwd, 'pg'))).toBe(false);
    },
    PROCESS_TIMEOUT,
  );

  it(
    'with the database unreachable, retries for DATABASE_STARTUP_TIMEOUT, then exits with one clear message and no stack',
    async () => {
      const port = await freePort();
      const app = startApp(
        API_MAIN,
        await env({
          DATABASE_URL: `postgresql://resync:never-printed-pw@127.0.0.1:${port}/resync`,
          DATABASE_STARTUP_TIMEOUT: '3s',
        }),
        tempDir(),
      );

      const exit = await app.exited;
      const output = app.output();

      expect(exit).toEqual({ code: 1, signal: null });
      expect(output.match(/not reachable yet/g)).toHaveLength(1);
      expect(output).toContain(
        `api: failed to start: Could not reach the database at 127.0.0.1:${port}/resync within 3s (`,
      );
      expect(output).toContain('ECONNREFUSED');
      expect(stackLines(output)).toEqual([]);
      expect(output).not.toMatch(/Unhandled|triggerUncaughtException/);
      expect(output).not.toContain('never-printed-pw');
    },
    PROCESS_TIMEOUT,
  );

  it(
    'waits for a database that comes up after the app, then serves',
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      const port = await freePort();
      const late = new URL(database.url);
      const url = new URL(database.url);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      const app = startApp(
        API_MAIN,
        await env({ DATABASE_URL: url.toString(), DATABASE_STARTUP_TIMEOUT: '2m' }),
        tempDir(),
      );
      for (let i = 0; i < 300 && !app.output().includes('not reachable yet'); i++)
        await new Promise((wake) => setTimeout(wake, 100));
      expect(app.output()).toContain('retrying with backoff');

      await proxy(port, late);
      await waitForHealth(app);

      expect(app.output()).toMatch(/Database at 127\.0\.0\.1:\d+\/\S+ reachable after \d+ attempts/);
    },
    PROCESS_TIMEOUT,
  );

  it(
    'keeps made-up development credentials in the data directory: the same keys after a restart, printed as one plain block',
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      const cwd = tempDir();
      const development = async () => ({
        ...(await env({ DATABASE_URL: database.url })),
        NODE_ENV: 'development',
        API_KEYS: '',
        ADMIN_TOKEN: '',
      });
      const startOnce = async () => {
        const app = startApp(API_MAIN, await development(), cwd);
        await waitForHealth(app);
        for (let i = 0; i < 100 && !app.output().includes('export ADMIN='); i++)
          await new Promise((wake) => setTimeout(wake, 100));
        return app;
      };

      const first = await startOnce();
      const firstBlock = block(first.output());
      first.child.kill('SIGTERM');
      await first.exited;
      const second = await startOnce();
      const secondBlock = block(second.output());

      expect(secondBlock).toEqual(firstBlock);
      // Not scrolled away: no line per route or module at the default level (they are debug).
      expect(first.output()).not.toContain('Mapped {');
      expect(first.output()).not.toContain('dependencies initialized');
      expect(firstBlock.key).toMatch(/^dev_/);
      expect(existsSync(join(cwd, '.data', 'dev-credentials.json'))).toBe(true);
      // Never inside a JSON log line.
      const jsonLines = second
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(jsonLines.length).toBeGreaterThan(0);
      expect(jsonLines.filter((line) => line.includes(firstBlock.key) || line.includes(firstBlock.admin))).toEqual([]);
      // The printed key works against the restarted app.
      const response = await fetch(`http://127.0.0.1:${second.port}/records`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${firstBlock.key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ hash_id: 'abc123' }),
      });
      expect(await response.json()).toMatchObject({ hash_id: 'abc123', status: 'NOT_FOUND' });
    },
    PROCESS_TIMEOUT,
  );
});

/** The printed block: a heading line, then the two export lines right after it. */
function block(output: string): { key: string; admin: string } {
  const lines = output.split('\n');
  const heading = lines.findIndex((line) => line.startsWith('Development credentials'));
  expect(heading).toBeGreaterThanOrEqual(0);
  const key = /^ {2}export KEY=(\S+)/.exec(lines[heading + 1]);
  const admin = /^ {2}export ADMIN=(\S+)/.exec(lines[heading + 2]);
  expect(key).not.toBeNull();
  expect(admin).not.toBeNull();
  return { key: key![1], admin: admin![1] };
}

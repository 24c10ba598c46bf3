import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess, killStartedApps, startApp, waitForHealth } from './app-process';
import { API_MAIN, buildApps, WORKER_MAIN } from './built-app';
import { StartupFixture } from './startup-fixture';
import { freePort } from '../setup/free-port';

const KEY = 'mty-secret-key-0001';
const CREDENTIALS = { API_KEYS: `MTY_001:${KEY}`, ADMIN_TOKEN: 'connection-loss-admin-0123' };
const TIMEOUT = 240_000;

/**
 * The built api and worker on a PostgreSQL of their own, which the tests take away: every backend
 * of the app's database terminated (pool connections idle and checked out, the LISTEN connection,
 * the prepared statements' connections), idle and under load, and the server stopped and started
 * again. Neither process may die; a request the outage hits gets a 503 in the error shape; service
 * comes back without a restart of the app.
 */
describe('The app when the database drops its connections', () => {
  const fixture = new StartupFixture({ prefix: 'resync-conn-loss-', logLevel: 'warn', credentials: CREDENTIALS });
  let dir: string;
  let pg: EmbeddedPostgres;
  let pgPort: number;
  let api: AppProcess;
  let worker: AppProcess;
  let seq = 0;

  const startDatabase = () =>
    startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: 'resync', ephemeral: true });

  beforeAll(async () => {
    await buildApps();
    dir = mkdtempSync(join(tmpdir(), 'resync-conn-loss-pg-'));
    chmodSync(dir, 0o755); // tests may run as root; the server then runs as `postgres`
    pgPort = await freePort();
    pg = await startDatabase();
    const env = { DATABASE_URL: pg.url, RUN_JOBS: 'true' };
    api = startApp(API_MAIN, await fixture.env(env), fixture.tempDir());
    worker = startApp(WORKER_MAIN, await fixture.env(env), fixture.tempDir());
    await Promise.all([waitForHealth(api), waitForHealth(worker)]);
  }, TIMEOUT);

  afterAll(async () => {
    await killStartedApps();
    await pg?.stop();
    for (const tempDir of [...fixture.tempDirs, dir]) if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }, 60_000);

  async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: pg.adminUrl });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Terminates every backend of the app's database; answers what they were doing. */
  const terminateAll = () =>
    admin(async (client) => {
      const { rows } = await client.query<{ query: string; state: string }>(
        `SELECT query, state, pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = 'resync' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      return rows;
    });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${api.port}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });

  function expectAlive(): void {
    for (const app of [api, worker]) {
      expect(app.output()).not.toMatch(/Unhandled 'error' event|uncaught/i);
      expect({ exitCode: app.child.exitCode, signal: app.child.signalCode }).toEqual({ exitCode: null, signal: null });
    }
  }

  /** An answer the outage may give: success, or a 503 in the documented error shape. */
  async function expectSuccessOr503(response: Response, success: number): Promise<number> {
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === 503) {
      expect(body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.any(String),
        requestId: expect.any(String),
        ...(body.details ? { details: ['database: down'] } : {}),
      });
      expect(JSON.stringify(body)).not.toMatch(/terminat|ECONN|127\.0\.0\.1|postgres/i);
    } else {
      expect({ status: response.status, body }).toEqual({ status: success, body: expect.anything() });
    }
    return response.status;
  }

  /** Both paths serve again: a synchronous write, and a queued one the workers apply. */
  async function expectServing(): Promise<void> {
    await waitForHealth(api, 60_000);
    await waitForHealth(worker, 60_000);
    const id = `back-${++seq}`;
    const sync = await post('/items', { id, total: 1 });
    expect(sync.status).toBe(200);
    const job = `job-back-${seq}`;
    const queued = await post('/items', { id: `${id}-async`, id_cola: job, total: 2 }, { prefer: 'respond-async' });
    expect(queued.status).toBe(202);
    const deadline = Date.now() + 60_000;
    let status = '';
    while (Date.now() < deadline && status !== 'COMPLETED') {
      const response = await fetch(`http://127.0.0.1:${api.port}/jobs/${job}`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      status = ((await response.json()) as { status: string }).status;
      if (status !== 'COMPLETED') await new Promise((wake) => setTimeout(wake, 250));
    }
    expect(status).toBe('COMPLETED');
  }

  it(
    'idle: every connection terminated (pool, LISTEN, prepared statements), both processes live on and serve again',
    async () => {
      await expectServing(); // the pool has connections with prepared statements, the listeners listen
      const killed = await terminateAll();

      expect(killed.some((row) => row.query.startsWith('LISTEN'))).toBe(true);
      expect(killed.length).toBeGreaterThanOrEqual(3);
      await new Promise((wake) => setTimeout(wake, 1_000));
      expectAlive();
      await expectServing();
      expectAlive();
    },
    TIMEOUT,
  );

  it(
    'under load: connections terminated again and again; each request succeeds or gets a 503 in the error shape',
    async () => {
      const statuses: number[] = [];
      const failures: string[] = [];
      const end = Date.now() + 5_000;
      const load = async (lane: number) => {
        for (let i = 0; Date.now() < end; i++) {
          try {
            const id = `load-${lane}-${i}`;
            if (i % 3 === 0) statuses.push(await expectSuccessOr503(await post('/items', { id, total: i }), 200));
            else if (i % 3 === 1)
              statuses.push(
                await expectSuccessOr503(await post('/items', { id, total: i }, { prefer: 'respond-async' }), 202),
              );
            else {
              const health = await fetch(`http://127.0.0.1:${api.port}/health`, {
                signal: AbortSignal.timeout(20_000),
              });
              statuses.push(await expectSuccessOr503(health, 200));
            }
          } catch (error) {
            failures.push(String((error as Error).message));
          }
        }
      };
      const killer = async () => {
        let kinds = 0;
        while (Date.now() < end) {
          await new Promise((wake) => setTimeout(wake, 300));
          kinds += (await terminateAll()).filter((row) => row.state !== 'idle').length;
        }
        return kinds;
      };
      const [active] = await Promise.all([killer(), ...[0, 1, 2, 3, 4, 5].map(load)]);

      expect(failures).toEqual([]);
      expect(statuses.length).toBeGreaterThan(20);
      expect(active).toBeGreaterThan(0); // connections were cut while checked out (a query or a transaction)
      expectAlive();
      await expectServing();
      expectAlive();
    },
    TIMEOUT,
  );

  it(
    'the database stopped: /health and requests answer 503 in the error shape; started again, service resumes',
    async () => {
      await pg.stop();
      await new Promise((wake) => setTimeout(wake, 500));

      const health = await fetch(`http://127.0.0.1:${api.port}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ statusCode: 503, details: ['database: down'] });
      expect(await expectSuccessOr503(await post('/items', { id: 'while-down', total: 1 }), 503)).toBe(503);
      expect(
        await expectSuccessOr503(await post('/items', { id: 'while-down-2' }, { prefer: 'respond-async' }), 503),
      ).toBe(503);
      expectAlive();

      pg = await startDatabase();
      await expectServing();
      expectAlive();
    },
    TIMEOUT,
  );
});

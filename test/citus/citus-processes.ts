import { TEST_ADMIN_TOKEN, TEST_CLIENTS, TestDatabase } from '@app/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, killStartedApps, startApp, waitForHealth } from '../foundation/app-process';
import { API_MAIN, ROOT } from '../foundation/built-app';
import { freePort } from '../setup/free-port';
import { CITUS_ENV } from './citus-kit';

export const CLIENTS = [...Object.values(TEST_CLIENTS), { clientId: 'TIJ_003', key: 'tij-secret-key-0003' }];

/**
 * `count` built API processes (what `npm run build` made) on `database`, started together in
 * production mode with DATABASE_ENGINE=citus, jobs on (asynchronous workers, dispatcher, crons):
 * several instances coordinate through the cluster only. stop() kills them and removes their cwd.
 */
export async function startCitusProcesses(
  database: TestDatabase,
  count: number,
  env: Record<string, string> = {},
): Promise<{ apps: AppProcess[]; stop(): Promise<void> }> {
  if (!existsSync(join(ROOT, API_MAIN))) throw new Error('Run `npm run build` first (npm run test:citus does)');
  const cwd = mkdtempSync(join(tmpdir(), 'resync-citus-app-'));
  const stop = async () => {
    await killStartedApps();
    rmSync(cwd, { recursive: true, force: true });
  };
  try {
    const apps: AppProcess[] = [];
    for (let i = 0; i < count; i++)
      apps.push(
        startApp(
          API_MAIN,
          {
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: String(await freePort()),
            DATABASE_URL: database.url,
            DATABASE_POOL_SIZE: '8',
            API_KEYS: CLIENTS.map((c) => `${c.clientId}:${c.key}`).join(','),
            ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            RUN_JOBS: 'true',
            ASYNC_POLL_INTERVAL: '100ms',
            LOG_LEVEL: 'warn',
            ...CITUS_ENV,
            ...env,
          },
          cwd,
        ),
      );
    await Promise.all(apps.map((app) => waitForHealth(app)));
    return { apps, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A fetch to one process as a client (its key) or the admin, JSON in and out. */
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
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/** pino's error and fatal lines (levels 50 and 60) the processes wrote: how many, and the first few. */
export function loggedErrors(...apps: AppProcess[]): { count: number; first: string[] } {
  const lines = apps.flatMap((app) =>
    app
      .output()
      .split('\n')
      .filter((line) => /"level":[56]0/.test(line)),
  );
  return { count: lines.length, first: lines.slice(0, 3) };
}

/** Polls `check` until it is true or `withinMs` passes; the last result. */
export async function eventually(check: () => Promise<boolean>, withinMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return check();
}

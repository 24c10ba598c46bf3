import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, waitForHealth } from '../foundation/app-process';
import { API_MAIN } from '../foundation/built-app';
import { freePort } from '../setup/free-port';

/**
 * The built server for a browser suite: one store key, the page's origin allowed through
 * CORS_ORIGINS, on its own port and working directory. Stop it with killStartedApps(), then
 * remove the directory with `cleanup()`.
 */
export async function startBrowserApi(options: {
  databaseUrl: string;
  clientId: string;
  key: string;
  pageOrigin: string;
}): Promise<{ url: string; cleanup(): void }> {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'resync-browser-'));
  const api = startApp(
    API_MAIN,
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      API_KEYS: `${options.clientId}:${options.key}`,
      ADMIN_TOKEN: 'browser-admin-token-0001',
      CORS_ORIGINS: options.pageOrigin,
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false',
    },
    cwd,
  );
  await waitForHealth(api);
  return { url: `http://127.0.0.1:${port}`, cleanup: () => rmSync(cwd, { recursive: true, force: true }) };
}

import { createTestDatabase, TestDatabase } from '@app/testing';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killStartedApps, startApp } from './app-process';
import { buildApps, ROOT } from './built-app';

const PSQL_MAIN = 'dist/apps/api/apps/api/src/cli/psql.js';

/**
 * `npm run psql`: the built helper hands psql the URL of the database in use plus the caller's
 * arguments. A stand-in psql on PATH records what it was given (a fresh machine has no psql).
 */
describe('npm run psql', () => {
  let dir: string;
  beforeAll(() => buildApps(), 300_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resync-psql-'));
    writeFileSync(join(dir, 'psql'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(dir, 'args')}"\nexit 3\n`);
    chmodSync(join(dir, 'psql'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => killStartedApps());

  it('runs psql on DATABASE_URL and exits with its code', async () => {
    const url = 'postgresql://resync:pw@db.example:5432/resync';
    const helper = startApp(
      PSQL_MAIN,
      {
        DATABASE_URL: url,
        API_KEYS: 'A:abcdefgh',
        ADMIN_TOKEN: 'admin-token-0123456789',
        PATH: `${dir}:/usr/bin:/bin`,
      },
      dir,
    );

    expect(await helper.exited).toEqual({ code: 3, signal: null });
    expect(readFileSync(join(dir, 'args'), 'utf8').split('\n').slice(0, 1)).toEqual([url]);
  });

  it('says how to install psql when it is missing', async () => {
    const helper = startApp(
      PSQL_MAIN,
      {
        DATABASE_URL: 'postgresql://u:p@db:5432/x',
        API_KEYS: 'A:abcdefgh',
        ADMIN_TOKEN: 'admin-token-0123456789',
        PATH: join(dir, 'nothing'),
      },
      dir,
    );

    expect((await helper.exited).code).toBe(1);
    expect(helper.output()).toContain('psql is not installed: install the PostgreSQL client');
  });

  it('`npm run psql` on a current build runs psql without building first', async () => {
    const db: TestDatabase = await createTestDatabase();
    try {
      const run = await npmRun(['run', 'psql', '--', '-At', '-c', 'select 40 + 2'], { DATABASE_URL: db.url });

      expect(run).toEqual({ code: 0, output: expect.stringContaining('\n42\n') });
      expect(run.output).not.toContain('Building');
      expect(run.output).not.toContain('nest build');
    } finally {
      await db.drop();
    }
  });
});

/** `npm <args>` in the checkout, as a person types it: only PATH, HOME and the given variables. */
function npmRun(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn('npm', args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

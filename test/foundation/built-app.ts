import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Where `nest build api|worker` put the entry points (tsconfig.app.json outDir + the source path). */
export const API_MAIN = 'dist/apps/api/apps/api/src/main.js';
export const WORKER_MAIN = 'dist/apps/worker/apps/worker/src/main.js';
/** The Node flags every start command passes (README "Configuration"). */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

const STAMP = join(ROOT, 'dist', '.test-build');
const LOCK = join(tmpdir(), `resync-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Builds api and worker once per jest run (the run's template database name marks it), so the
 * process-level tests start what `npm run build` produces. Test files run in parallel workers and
 * a second run may be going on in the same checkout: the build is serialised on a lock directory,
 * since two compilers writing one dist/ would leave a mix.
 */
export async function buildApps(): Promise<void> {
  const run = process.env.RESYNC_TEST_TEMPLATE ?? `pid-${process.pid}`;
  await withLock(async () => {
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === run) return;
    for (const project of ['api', 'worker']) await nestBuild(project);
    writeFileSync(STAMP, run);
  });
}

function nestBuild(project: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', project], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`nest build ${project} failed (exit ${code}):\n${output}`)),
    );
  });
}

async function withLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A build killed half-way leaves its lock behind: no build takes this long.
      if (Date.now() - lockTime() > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function lockTime(): number {
  try {
    return statSync(LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}

import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Where `nest build api|worker` put the entry points (tsconfig.app.json outDir + the source path). */
export const API_MAIN = 'dist/apps/api/apps/api/src/main.js';
export const WORKER_MAIN = 'dist/apps/worker/apps/worker/src/main.js';
/** The Node flags every start command passes (README "Configuration"). */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * Builds api, worker and the client package unless dist/ is current (scripts/build-if-stale.js,
 * what `npm start` runs first), so the process-level tests start what `npm run build` produces
 * and a second run on unchanged sources builds nothing. The script serialises builds on a lock
 * directory: test files run in parallel workers and a second run may be going on in the same
 * checkout. The Prisma client is not regenerated: `npm test` did that before jest started, and
 * rewriting it under running tests would break them.
 */
export async function buildApps(): Promise<void> {
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build-if-stale.js'), '--skip-generate'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`The build failed (exit ${code}):\n${output}`))));
  });
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * @resync/client compiled from the current sources as plain CommonJS, the way an app loads it, so
 * tests that run it in child processes (the durable-restart test, the simulation's clients) need
 * no prior build. Compiled into `outDir` (a new temporary directory by default); returns it.
 */
export function buildClientCjs(outDir = join(mkdtempSync(join(tmpdir(), 'resync-client-')), 'client')): string {
  execFileSync(process.execPath, [
    require.resolve('typescript/bin/tsc'),
    '-p',
    join(ROOT, 'libs/client/tsconfig.json'),
    '--outDir',
    outDir,
    '--declaration',
    'false',
    '--sourceMap',
    'false',
  ]);
  return outDir;
}

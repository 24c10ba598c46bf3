import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../foundation/built-app';

/**
 * The simulation's client processes load @resync/client's CommonJS build, as an app would. Builds
 * it from the current sources once per jest run (only this suite writes libs/client/dist/cjs).
 */
export function buildClientCjs(): Promise<void> {
  const tsc = require.resolve('typescript/bin/tsc');
  const project = join(ROOT, 'libs', 'client', 'tsconfig.json');
  if (!existsSync(project)) return Promise.reject(new Error(`${project} is missing`));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`building @resync/client failed (exit ${code}):\n${output}`))));
  });
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../foundation/built-app';

/**
 * The simulation's client processes load @resync/client as plain CommonJS, as an app would:
 * compiled here from the current sources into a temporary directory (as the client's own
 * durable-restart test does), so `npm test` needs no prior build. Returns the module's path.
 */
export function buildClientCjs(): string {
  const build = join(mkdtempSync(join(tmpdir(), 'resync-sim-client-')), 'client');
  execFileSync(process.execPath, [
    require.resolve('typescript/bin/tsc'),
    '-p',
    join(ROOT, 'libs/client/tsconfig.json'),
    '--outDir',
    build,
    '--declaration',
    'false',
    '--sourceMap',
    'false',
  ]);
  return build;
}

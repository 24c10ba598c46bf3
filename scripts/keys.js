#!/usr/bin/env node
// `npm run keys -- <command>`: runs the built keys CLI (apps/api/src/cli/keys.ts) at once. Only
// when it has not been built yet (a fresh clone after `npm ci`) does it build the API first,
// rather than rebuilding on every call as `npm run build && …` would. After changing the
// sources, `npm run build` brings it up to date.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'dist/apps/api/apps/api/src/cli/keys.js');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(cli)) {
  console.error('Building the API once (dist/ is missing)…');
  run([join(__dirname, 'prisma-generate.js')]);
  run([require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'api']);
}
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

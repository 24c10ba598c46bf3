#!/usr/bin/env node
// `prisma generate` never runs the schema engine, but the CLI insists that the engine binary
// exists and would download it from a host this network cannot reach. Pointing the documented
// PRISMA_SCHEMA_ENGINE_BINARY variable at any existing file satisfies that check.
// See ../shared/OFFLINE-BUILD.md and the README's "Migrations" section.
const { spawnSync } = require('node:child_process');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

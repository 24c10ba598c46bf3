#!/usr/bin/env node
// `npm run build` (`--always`), and the first step of `npm start`, `npm run psql`, `npm run studio`
// and `npm run db:migrate`: a full build takes about 1.5 minutes on two cores, so those build only
// when the build is missing or older than its sources. A build stamps dist/ with a hash of
// everything it reads; this script compares that stamp with the sources as they are now.
// A content hash, not file times: a checkout that touches files without changing them does not
// rebuild, and going back to older files does.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const STAMP = join('dist', '.build-stamp');

/** What the build reads: folders walked whole (minus outputs) and single files. */
const SOURCE_DIRS = ['apps', 'libs'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'nest-cli.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'prisma/schema.prisma',
  'prisma.config.ts',
];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'generated', 'test', 'examples']);

/** What must exist for the commands to run. */
const OUTPUTS = [
  'dist/apps/api/apps/api/src/main.js',
  'dist/apps/api/apps/api/src/cli/psql.js',
  'dist/apps/api/apps/api/src/cli/studio.js',
  'dist/apps/api/apps/api/src/cli/migrate.js',
  'dist/apps/api/apps/api/src/cli/distribute.js',
  'dist/apps/api/apps/api/src/cli/expire-feeds.js',
  'dist/apps/worker/apps/worker/src/main.js',
  'libs/client/dist/cjs/index.js',
  'libs/client/dist/esm/index.js',
];

function sourceFiles(root) {
  const files = SOURCE_FILES.filter((file) => existsSync(join(root, file)));
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) {
        files.push(path);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(dir);
  return files.sort();
}

/** One hash over the names and contents of every file the build reads (tests excluded). */
function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root)) {
    hash.update(relative(root, join(root, file)).split('\\').join('/') + '\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether to build, and why: `{ build: false }` when the stamp matches the sources and every output exists. */
function buildDecision(root = ROOT) {
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing) return { build: true, reason: `${missing} is missing` };
  const stampFile = join(root, STAMP);
  if (!existsSync(stampFile)) return { build: true, reason: 'no build stamp (built before this check existed)' };
  if (readFileSync(stampFile, 'utf8').trim() !== sourceHash(root)) {
    return { build: true, reason: 'sources changed since the last build' };
  }
  return { build: false, reason: 'the build is current' };
}

function writeStamp(root = ROOT, hash = sourceHash(root)) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, STAMP), hash + '\n');
}

/**
 * The same lock as the test harness (test/foundation/built-app.ts): two builds writing one dist/
 * would leave a mix. A lock older than any build is left over by a killed one.
 */
const LOCK = join(tmpdir(), `resync-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const STALE_LOCK_MS = 10 * 60_000;

function withLock(work) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let since;
      try {
        since = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue;
      }
      if (since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `npm run build`: the Prisma client, api, worker and the client package, each a step that must succeed. */
function buildSteps(root, { skipGenerate = false } = {}) {
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [root] });
  return [
    ...(skipGenerate ? [] : [['scripts/prisma-generate.js']]),
    [nest, 'build', 'api'],
    [nest, 'build', 'worker'],
    ['libs/client/scripts/build.mjs'],
  ];
}

function build(root, options) {
  const hash = sourceHash(root);
  for (const args of buildSteps(root, options)) {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`Build step failed (exit ${result.status ?? result.signal}): node ${args.join(' ')}`);
      process.exit(result.status ?? 1);
    }
  }
  writeStamp(root, hash);
}

/** Builds unless the build is current (or always, with `always`); returns the decision taken. */
function ensureBuilt(root = ROOT, { always = false, skipGenerate = false } = {}) {
  return withLock(() => {
    const decision = always ? { build: true, reason: 'npm run build' } : buildDecision(root);
    if (!decision.build) return decision;
    if (!always) console.log(`Building: ${decision.reason} (about 1.5 minutes on two cores)`);
    build(root, { skipGenerate });
    return decision;
  });
}

module.exports = { buildDecision, ensureBuilt, sourceHash, writeStamp, OUTPUTS, STAMP };

if (require.main === module) {
  const flag = (name) => process.argv.includes(name);
  const decision = ensureBuilt(ROOT, { always: flag('--always'), skipGenerate: flag('--skip-generate') });
  if (!decision.build && !flag('--quiet')) console.log(`Not rebuilding: ${decision.reason}`);
}

// Database and app processes for the benchmark: one embedded PostgreSQL per run, a fresh database
// per scenario, the built app started in production mode as a child process.
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

const dist = join(__dirname, '..', '..', 'dist', 'apps', 'api');
const { startEmbeddedPostgres } = require(join(dist, 'libs/database/src/embedded-postgres.js'));
const { applyMigrations } = require(join(dist, 'libs/database/src/migrator.js'));

const API_KEY = 'bench-client-key-0001';
const ADMIN_TOKEN = 'bench-admin-token-000001';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startDatabaseServer() {
  const dir = mkdtempSync(join(tmpdir(), 'resync-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when we are root
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'postgres' });
  let n = 0;
  return {
    version: await query(pg.adminUrl, 'SHOW server_version').then((r) => r.rows[0].server_version),
    /** A fresh database with the real migrations applied. */
    async createDatabase(label) {
      const name = `bench_${label.replace(/\W/g, '_')}_${++n}`;
      await query(pg.adminUrl, `CREATE DATABASE ${name}`);
      const url = pg.adminUrl.replace(/\/postgres$/, `/${name}`);
      await applyMigrations(url);
      return url;
    },
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function query(url, sql, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** The built API, NODE_ENV=production, on its own port. */
async function startApp(databaseUrl, env = {}) {
  const port = await freePort();
  // BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under load.
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(dist, 'apps/api/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      API_KEYS: `MTY_001:${API_KEY}`,
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`app exited during start-up:\n${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    /** Peak resident memory of the app process so far (VmHWM), in MiB. */
    peakMemoryMiB() {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Math.round(Number(match[1]) / 1024) : NaN;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { API_KEY, ADMIN_TOKEN, startDatabaseServer, startApp, query, freePort };

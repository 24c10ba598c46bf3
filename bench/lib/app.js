// The built API as a child process in production mode, on its own port and database. Its output
// goes to bench/out/app-<label>.log.
const { spawn } = require('node:child_process');
const { closeSync, openSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { OUT } = require('./log');
const { DIST, freePort } = require('./postgres');

/** The Node flags of `npm run start:prod` (README "Configuration"): `node <flags> <main>`. */
const NODE_FLAGS = require('../../package.json').scripts['start:prod'].split(' ').slice(1, -1);
const API_KEY = 'bench-client-key-0001';
/**
 * The client's headers every scenario sends. BENCH_CLIENT_KEYS=database: each app started issues
 * a key into its database (POST /client-keys) and the scenarios authenticate with it instead of
 * the API_KEYS one (docs/credentials.md, the cost of database keys).
 */
const clientHeaders = { authorization: `Bearer ${API_KEY}` };
/**
 * BENCH_STORES=N (N > 1): the ingest scenarios send each request as one of N stores in turn
 * (STORE_0001..), their keys in API_KEYS beside MTY_001's: on Citus a store's rows live on one
 * worker, so one store's load is one worker's (docs/scaling.md "Scaling out with Citus").
 */
const STORES = Number(process.env.BENCH_STORES ?? 1);
if (!(Number.isInteger(STORES) && STORES >= 1)) throw new Error('BENCH_STORES must be a positive integer');
const stores = Array.from({ length: STORES > 1 ? STORES : 0 }, (_, n) => ({
  clientId: `STORE_${String(n + 1).padStart(4, '0')}`,
  key: `bench-store-key-${String(n + 1).padStart(4, '0')}`,
}));
/** The Authorization header of each store, for the ingest scenarios to take in turn (none: the one client). */
const storeAuthorizations = stores.map((store) => `Bearer ${store.key}`);
const ADMIN_TOKEN = 'bench-admin-token-000001';
const POOL_SIZE = 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL'))); // never leave an app behind

/** The built worker (apps/worker): crons, dispatcher and asynchronous ingest workers, /health only. */
const WORKER_MAIN = join(DIST, '..', 'worker', 'apps/worker/src/main.js');

async function startApp(databaseUrl, label, env = {}, main = join(DIST, 'apps/api/src/main.js')) {
  const port = await freePort();
  const logFile = join(OUT, `app-${label.replace(/\W/g, '_')}.log`);
  const out = openSync(logFile, 'w');
  // The production start commands' flags (package.json, Dockerfile), then BENCH_APP_NODE_ARGS
  // ("--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under load).
  const nodeArgs = [...NODE_FLAGS, ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      API_KEYS: [`MTY_001:${API_KEY}`, ...stores.map((store) => `${store.clientId}:${store.key}`)].join(','),
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false', // only the drain runs the crons
      // DATABASE_PREPARED_STATEMENTS=false npm run bench: what running behind a transaction-mode pooler costs (docs/scaling.md)
      // DATABASE_URL=<a Citus coordinator> DATABASE_ENGINE=citus npm run bench (docs/scaling.md)
      ...(process.env.DATABASE_ENGINE && { DATABASE_ENGINE: process.env.DATABASE_ENGINE }),
      ...(process.env.DATABASE_PREPARED_STATEMENTS && {
        DATABASE_PREPARED_STATEMENTS: process.env.DATABASE_PREPARED_STATEMENTS,
      }),
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  running.add(child);
  child.once('exit', () => running.delete(child));
  const tail = () => readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up (${logFile}):\n${tail()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not answer /health within 30 s (${logFile}):\n${tail()}`);
    }
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  if (process.env.BENCH_CLIENT_KEYS === 'database') {
    const issued = await fetch(`${url}/client-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'MTY_001', label: 'bench' }),
    });
    if (issued.status !== 201) throw new Error(`issuing a database key answered ${issued.status}`);
    clientHeaders.authorization = `Bearer ${(await issued.json()).key}`;
  }
  return {
    url,
    pid: child.pid,
    logFile,
    /** Peak resident memory so far (VmHWM), MiB. */
    peakMiB() {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Math.round(Number(match[1]) / 1024) : NaN;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

module.exports = {
  startApp,
  API_KEY,
  ADMIN_TOKEN,
  NODE_FLAGS,
  POOL_SIZE,
  WORKER_MAIN,
  clientHeaders,
  storeAuthorizations,
};

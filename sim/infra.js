// The simulation's server side: a fresh database (embedded PostgreSQL in a temporary directory, or
// the one DATABASE_URL names) and the built API as a child process in production mode, which can be
// killed with SIGKILL and started again on the same port.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { freePort, query, startTemporaryPostgres } = require('../scripts/temporary-postgres');

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist', 'apps', 'api');
const API_MAIN = join(DIST, 'apps', 'api', 'src', 'main.js');

function requireBuilt(relative) {
  const file = join(DIST, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return require(file);
}

/** DATABASE_ENGINE=citus: the simulation's database is on a Citus coordinator (docs/scaling.md "Scaling out with Citus"). */
const ENGINE = process.env.DATABASE_ENGINE ? { DATABASE_ENGINE: process.env.DATABASE_ENGINE } : {};

/**
 * A database with the real migrations applied. With `databaseUrl` that database is used and must
 * hold no synced data yet (with DATABASE_ENGINE=citus: a Citus coordinator's, distributed after the
 * migrations as `npm run db:distribute` does); without it an embedded PostgreSQL runs in a
 * temporary directory and is removed by stop().
 */
async function startDatabase({ databaseUrl, log = () => undefined } = {}) {
  const { applyMigrations } = requireBuilt('libs/database/src/migrator.js');
  if (databaseUrl) {
    await applyMigrations(databaseUrl);
    if (ENGINE.DATABASE_ENGINE === 'citus') {
      await requireBuilt('libs/database/src/citus/distribute.js').distribute(databaseUrl);
      log('Citus: distributed by client id');
    }
    const { rows } = await query(
      databaseUrl,
      'SELECT (SELECT count(*) FROM sync_operations)::int AS ops, (SELECT count(*) FROM venta)::int + (SELECT count(*) FROM devolucion)::int AS rows',
    );
    if (rows[0].ops > 0 || rows[0].rows > 0)
      throw new Error('DATABASE_URL must name an empty database: the simulation compares every row it finds');
    return { url: databaseUrl, stop: async () => undefined };
  }
  const server = await startTemporaryPostgres({ prefix: 'resync-sim-', database: 'resync_sim', ephemeral: true });
  log(`embedded PostgreSQL in ${server.dir}`);
  await applyMigrations(server.pg.url);
  return { url: server.pg.url, stop: () => server.stop() };
}

/** The built API on a fixed port; kill() is SIGKILL (no graceful shutdown), start() brings it back. */
class ServerProcess {
  constructor({ databaseUrl, port, apiKeys, adminToken, env = {} }) {
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      API_KEYS: apiKeys,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'error',
      RUN_JOBS: 'false',
      ...ENGINE,
      ...env,
    };
    this.url = `http://127.0.0.1:${port}`;
    this.child = undefined;
    this.output = '';
  }

  async start() {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // The simulation interrupted (Ctrl-C, a timeout) must not leave a server behind.
    const killOnExit = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    const keep = (chunk) => (this.output = (this.output + chunk).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the server exited during start-up:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((wake) => setTimeout(wake, 100));
    }
    throw new Error(`the server did not become healthy within 120 s:\n${this.output}`);
  }

  /** SIGKILL: whatever it was doing is cut off, as a crash or an OOM kill would. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

module.exports = { ROOT, ENGINE, freePort, query, requireBuilt, startDatabase, ServerProcess };

// One embedded PostgreSQL per run (the app's own startEmbeddedPostgres, durable like production),
// in a fresh temporary directory; a fresh database per scenario with the real migrations.
const { join } = require('node:path');
const { freePort, query, startTemporaryPostgres } = require('../../scripts/temporary-postgres');

const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'api');
// The database helpers are required from their TypeScript sources, not from the build's insides.
require('../../scripts/register-ts');

async function startDatabaseServer() {
  // DATABASE_URL: a server the bench did not start (DATABASE_ENGINE=citus: a Citus coordinator).
  if (process.env.DATABASE_URL)
    return require('./external-postgres').startExternalServer(process.env.DATABASE_URL, process.env.DATABASE_ENGINE);
  const { applyMigrations } = require('../../libs/database/src/migrator.ts');
  const server = await startTemporaryPostgres({ prefix: 'resync-bench-', database: 'postgres', ephemeral: false });
  const pg = server.pg;
  const admin = pg.adminUrl;
  const urlOf = (name) => admin.replace(/\/postgres$/, `/${name}`);
  const show = async (name) => (await query(admin, `SHOW ${name}`)).rows[0][name];
  let n = 0;
  const created = [];
  const quiesce = () => quiesceServer(admin);
  return {
    /** The postmaster's pid (a restart changes it). */
    get pid() {
      return server.pg.pid;
    },
    logFile: pg.logFile,
    settings: {
      version: await show('server_version'),
      fsync: await show('fsync'),
      synchronous_commit: await show('synchronous_commit'),
      shared_buffers: await show('shared_buffers'),
      where: 'embedded, one server for the run',
    },
    /** A fresh database with the real migrations applied. */
    async createDatabase(label) {
      const name = `bench_${++n}_${label.replace(/\W/g, '_')}`;
      await query(admin, `CREATE DATABASE ${name}`);
      created.push(name);
      await applyMigrations(urlOf(name));
      return urlOf(name);
    },
    /** A copy of `url`'s database (nobody may be connected to it), checkpointed so no flush lands in a measurement. */
    async cloneDatabase(url, label) {
      const name = `bench_${++n}_${label.replace(/\W/g, '_')}`;
      await query(admin, `CREATE DATABASE ${name} TEMPLATE ${new URL(url).pathname.slice(1)} STRATEGY FILE_COPY`);
      created.push(name);
      await query(admin, 'CHECKPOINT');
      return urlOf(name);
    },
    checkpoint: () => query(admin, 'CHECKPOINT'),
    /**
     * Leaves nothing behind that would run during the next measurement: VACUUM ANALYZE of `url`'s
     * database (what autovacuum would do after a burst of writes), waits for autovacuum workers
     * still busy elsewhere (at most 60 s), then a CHECKPOINT. Without it, the asynchronous
     * end-to-end scenario ran while autovacuum worked through the 200,000 rows the synchronous side
     * had just written (0.24 of sync in one full run, 0.52 alone).
     */
    async settle(url) {
      await query(url, 'VACUUM ANALYZE');
      await quiesce();
    },
    /**
     * Between scenarios: drops every database made so far, then waits for autovacuum and
     * checkpoints, so that no scenario pays for an earlier one's background work (in a full run,
     * autovacuum of earlier scenarios' databases ran into the asynchronous acceptance scenario and
     * took a third more database CPU per record than the scenario run alone).
     */
    async reset() {
      for (const name of created.splice(0)) await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await quiesce();
    },
    /** Restarts the server on its data directory (for settings that need it, such as shared_buffers). */
    async restart() {
      await server.restart();
      this.settings.shared_buffers = await show('shared_buffers');
    },
    stop: () => server.stop(),
  };
}

/** Waits for the server's autovacuum workers to finish (at most 60 s), then a CHECKPOINT. */
async function quiesceServer(admin) {
  for (let i = 0; i < 600; i++) {
    const { rows } = await query(
      admin,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await query(admin, 'CHECKPOINT');
}

module.exports = { startDatabaseServer, quiesceServer, query, freePort, DIST };

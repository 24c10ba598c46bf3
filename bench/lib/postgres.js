// One embedded PostgreSQL per run (the app's own startEmbeddedPostgres, durable like production),
// in a fresh temporary directory; a fresh database per scenario with the real migrations.
const { join } = require('node:path');
const { freePort, query, startTemporaryPostgres } = require('../../scripts/temporary-postgres');

const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'api');
// The database helpers are required from their TypeScript sources, not from the build's insides.
require('../../scripts/register-ts');

async function startDatabaseServer() {
  const { applyMigrations } = require('../../libs/database/src/migrator.ts');
  const server = await startTemporaryPostgres({ prefix: 'resync-bench-', database: 'postgres', ephemeral: false });
  const pg = server.pg;
  const admin = pg.adminUrl;
  const urlOf = (name) => admin.replace(/\/postgres$/, `/${name}`);
  const show = async (name) => (await query(admin, `SHOW ${name}`)).rows[0][name];
  let n = 0;
  return {
    pid: pg.pid,
    logFile: pg.logFile,
    settings: {
      version: await show('server_version'),
      fsync: await show('fsync'),
      synchronous_commit: await show('synchronous_commit'),
      shared_buffers: await show('shared_buffers'),
    },
    /** A fresh database with the real migrations applied. */
    async createDatabase(label) {
      const name = `bench_${++n}_${label.replace(/\W/g, '_')}`;
      await query(admin, `CREATE DATABASE ${name}`);
      await applyMigrations(urlOf(name));
      return urlOf(name);
    },
    /** A copy of `url`'s database (nobody may be connected to it), checkpointed so no flush lands in a measurement. */
    async cloneDatabase(url, label) {
      const name = `bench_${++n}_${label.replace(/\W/g, '_')}`;
      await query(admin, `CREATE DATABASE ${name} TEMPLATE ${new URL(url).pathname.slice(1)} STRATEGY FILE_COPY`);
      await query(admin, 'CHECKPOINT');
      return urlOf(name);
    },
    checkpoint: () => query(admin, 'CHECKPOINT'),
    stop: () => server.stop(),
  };
}

module.exports = { startDatabaseServer, query, freePort, DIST };

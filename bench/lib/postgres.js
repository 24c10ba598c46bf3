// One embedded PostgreSQL per run (the app's own startEmbeddedPostgres, durable like production),
// in a fresh temporary directory; a fresh database per scenario with the real migrations.
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'api');
// The database helpers are required from their TypeScript sources, not from the build's insides.
require('../../scripts/register-ts');

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

async function query(url, sql, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function startDatabaseServer() {
  const { startEmbeddedPostgres } = require('../../libs/database/src/embedded-postgres.ts');
  const { applyMigrations } = require('../../libs/database/src/migrator.ts');
  const dir = mkdtempSync(join(tmpdir(), 'resync-bench-'));
  chmodSync(dir, 0o755); // we run as root; PostgreSQL runs as the postgres user and must enter it
  const dataDir = join(dir, 'pg');
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', ephemeral: false });
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
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startDatabaseServer, query, freePort, DIST };

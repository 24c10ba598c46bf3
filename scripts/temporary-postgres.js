// What the bench and the simulation both need around PostgreSQL: an embedded server in a fresh
// temporary directory (the app's own startEmbeddedPostgres, from its TypeScript sources), a free
// port for it, and one-off queries.
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

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

/**
 * An embedded PostgreSQL on a free port, its data in a new directory of the system's temporary
 * folder named `prefix`...; stop() stops it and removes the directory. `database` and `ephemeral`
 * are startEmbeddedPostgres's options.
 */
async function startTemporaryPostgres({ prefix, database, ephemeral }) {
  // Loaded here, not at the top: the simulation's jest test requires this file and never starts one.
  require('./register-ts');
  const { startEmbeddedPostgres } = require('../libs/database/src/embedded-postgres.ts');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // we run as root; PostgreSQL runs as the postgres user and must enter it
  const options = { dataDir: join(dir, 'pg'), port: await freePort(), database, ephemeral };
  const server = {
    pg: await startEmbeddedPostgres(options),
    dir,
    /** Stops and starts the server on the same data directory (settings that need it, from ALTER SYSTEM). */
    async restart() {
      await server.pg.stop();
      server.pg = await startEmbeddedPostgres(options);
    },
    async stop() {
      await server.pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

module.exports = { freePort, query, startTemporaryPostgres };

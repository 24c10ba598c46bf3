// `DATABASE_URL=... npm run bench`: the bench on a server it did not start (docs/benchmarks.md
// "Another server"), with `DATABASE_ENGINE=citus` a Citus cluster (docs/scaling.md "Scaling out
// with Citus"). The URL's database is only used to create and drop one database per scenario side
// (it needs CREATEDB); on Citus each is made on every node with the workers registered, migrated,
// then distributed as `npm run db:distribute` does. Same interface as the embedded server.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { clusterOf, createClusterDatabase, dropClusterDatabase, withDatabase } = require('../../scripts/citus-cluster');
const { Client } = require('pg');
const { DIST, query, quiesceServer } = require('./postgres');

/** The postmaster's pid of a server on this machine (for its CPU), from one of its backends' parent; undefined if remote. */
async function localPostmaster(url) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) return undefined;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Read while the backend is alive: once the connection ends, its /proc entry is gone.
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const stat = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

async function startExternalServer(admin, engine) {
  require('../../scripts/register-ts');
  const { applyMigrations } = require('../../libs/database/src/migrator.ts');
  const citus = engine === 'citus' ? await clusterOf(admin) : undefined;
  const distributeFile = join(DIST, 'libs/database/src/citus/distribute.js');
  if (citus && !existsSync(distributeFile))
    throw new Error(`${distributeFile} is missing: run \`npm run build\` first`);
  const show = async (name) => (await query(admin, `SHOW ${name}`)).rows[0][name];
  const pids = (await Promise.all([admin, ...(citus?.workerUrls ?? [])].map(localPostmaster))).filter(Boolean);
  let n = 0;
  const created = [];
  const quiesce = () => quiesceServer(admin);
  const citusVersion =
    citus && (await query(admin, `SELECT extversion FROM pg_extension WHERE extname = 'citus'`)).rows[0];
  return {
    // Every node's postmaster on this machine: the meters add their trees' CPU.
    pid: pids.length > 1 ? pids : pids[0],
    canClone: !citus,
    settings: {
      version: await show('server_version'),
      fsync: await show('fsync'),
      synchronous_commit: await show('synchronous_commit'),
      shared_buffers: await show('shared_buffers'),
      where: citus
        ? `Citus ${citusVersion.extversion}: a coordinator and ${citus.workerUrls.length} worker(s) from DATABASE_URL`
        : 'the server of DATABASE_URL',
    },
    async createDatabase(label) {
      const name = `bench_${process.pid}_${++n}_${label.replace(/\W/g, '_')}`.toLowerCase();
      created.push(name);
      let url;
      if (citus) url = await createClusterDatabase(citus, name);
      else {
        await query(admin, `CREATE DATABASE ${name}`);
        url = withDatabase(admin, name);
      }
      await applyMigrations(url);
      if (citus) await require(distributeFile).distribute(url);
      return url;
    },
    async cloneDatabase(url, label) {
      // A Citus database's shards live on the workers: a template copy of the coordinator's is not a copy.
      if (citus)
        throw new Error('cloning a database is not possible on Citus (the growth scenario runs on PostgreSQL only)');
      const name = `bench_${process.pid}_${++n}_${label.replace(/\W/g, '_')}`.toLowerCase();
      await query(admin, `CREATE DATABASE ${name} TEMPLATE ${new URL(url).pathname.slice(1)}`);
      created.push(name);
      await query(admin, 'CHECKPOINT');
      return withDatabase(admin, name);
    },
    checkpoint: () => query(admin, 'CHECKPOINT'),
    async settle(url) {
      await query(url, 'VACUUM ANALYZE');
      await quiesce();
    },
    async reset() {
      for (const name of created.splice(0)) {
        if (citus) await dropClusterDatabase(citus, name);
        else await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
      await quiesce();
    },
    stop: async () => {
      for (const name of created.splice(0))
        await (citus ? dropClusterDatabase(citus, name) : query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

module.exports = { startExternalServer };

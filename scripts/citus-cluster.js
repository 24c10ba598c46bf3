#!/usr/bin/env node
// A Citus cluster for the Citus test suite, the simulation and the bench (docs/scaling.md "Scaling
// out with Citus"): a coordinator and N workers of the system's PostgreSQL 15 with the Citus
// extension (built by `bash ../shared/vendor/build-citus.sh`), each node in a directory of its own,
// on free ports; and databases made on every node of a cluster, the workers registered.
//
//   node scripts/citus-cluster.js start <dir> [--workers N] [--port P] [--database D] [--plain]
//     starts (or restarts) the nodes in <dir> and prints DATABASE_URL=... for database D (default
//     resync): created on every node with the extension and the workers registered. --plain: one
//     node without Citus (plain PostgreSQL 15 with the same settings, for comparisons).
//   node scripts/citus-cluster.js stop <dir>
const { execFileSync, spawnSync } = require('node:child_process');
const { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } = require('node:fs');
const { tmpdir, userInfo } = require('node:os');
const { join, resolve } = require('node:path');
const { freePort, query } = require('./temporary-postgres');

/** The PostgreSQL the vendored Citus build installs into; CITUS_PG_BIN overrides. */
const PG_BIN = process.env.CITUS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const BUILD_COMMAND = 'bash ../shared/vendor/build-citus.sh';

/** Throws, naming the build command, unless PostgreSQL 15 and its citus.so are installed. */
function assertCitusInstalled() {
  if (!existsSync(join(PG_BIN, 'postgres')))
    throw new Error(`No PostgreSQL at ${PG_BIN} (set CITUS_PG_BIN to the bin directory of a PostgreSQL 15-17)`);
  const libdir = execFileSync(join(PG_BIN, 'pg_config'), ['--pkglibdir']).toString().trim();
  if (!existsSync(join(libdir, 'citus.so')))
    throw new Error(
      `Citus is not installed (no ${join(libdir, 'citus.so')}): build it with \`${BUILD_COMMAND}\` ` +
        '(as root, from the project root; about 7 minutes), or point CITUS_COORDINATOR_URL at a running cluster',
    );
}

/** As root, PostgreSQL runs as the postgres user (it refuses root), as the test suite's embedded server does. */
function runAs() {
  if (userInfo().uid !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString());
  return { uid: id('-u'), gid: id('-g') };
}

function run(binary, args, options = {}) {
  // HOME: the server's own connections to the other nodes (libpq) look for ~/.postgresql there; as
  // the postgres user, root's home is not readable.
  const env = { ...process.env, HOME: options.cwd ?? process.env.HOME };
  const result = spawnSync(join(PG_BIN, binary), args, { encoding: 'utf8', env, ...runAs(), ...options });
  if (result.status !== 0)
    throw new Error(`${binary} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

const urlOf = (port, database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`;

/** `url` with its database replaced. */
function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Starts the nodes of `dir` (created on first use: node0 the coordinator, node1.. the workers) and
 * returns the cluster: `{ coordinatorUrl, workerUrls, dir, stop() }`, URLs of the `postgres`
 * database. `ports` pins the nodes' ports (otherwise free ones); `plain` makes one node without
 * Citus. Settings for tests: `fsync: false`; `shardCount` sets citus.shard_count (Citus' default 32).
 */
async function startLocalCluster({ dir, workers = 2, ports, plain = false, fsync = true, shardCount } = {}) {
  if (!plain) assertCitusInstalled();
  dir = resolve(dir ?? mkdtempSync(join(tmpdir(), 'resync-citus-')));
  mkdirSync(dir, { recursive: true });
  const owner = runAs();
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid);
  const count = plain ? 1 : workers + 1;
  const nodes = [];
  const stop = (mode = 'fast') => {
    for (const node of nodes) spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', node.data, '-m', mode, '-w', 'stop'], runAs());
  };
  try {
    await startNodes();
  } catch (error) {
    stop('immediate'); // a node that did not start must not leave the others running
    throw error;
  }
  return {
    dir,
    coordinatorUrl: urlOf(nodes[0].port),
    workerUrls: nodes.slice(1).map((node) => urlOf(node.port)),
    stop,
  };

  async function startNodes() {
    for (let i = 0; i < count; i++) {
      const data = join(dir, `node${i}`);
      const conf = join(data, 'postgresql.conf');
      // A node keeps its port across restarts: the workers' ports are registered in each database.
      const kept = existsSync(conf) && /^port = (\d+)$/m.exec(readFileSync(conf, 'utf8'));
      const port = kept ? Number(kept[1]) : (ports?.[i] ?? (await freePort()));
      if (!existsSync(join(data, 'PG_VERSION'))) {
        run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], { cwd: dir });
        const settings = [
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${dir}'`,
          plain ? '' : "shared_preload_libraries = 'citus'",
          'max_connections = 300',
          // Citus commits a transaction that wrote to several nodes in two phases.
          'max_prepared_transactions = 200',
          // Shard moves (citus_move_shard_placement, the rebalancer) use logical replication.
          'wal_level = logical',
          `fsync = ${fsync ? 'on' : 'off'}`,
          fsync ? '' : 'synchronous_commit = off',
          fsync ? '' : 'full_page_writes = off',
          shardCount && !plain ? `citus.shard_count = ${shardCount}` : '',
        ];
        appendFileSync(conf, settings.filter(Boolean).join('\n') + '\n');
      }
      nodes.push({ data, port });
      run('pg_ctl', ['-D', data, '-l', join(data, 'log'), '-w', '-t', '60', 'start'], { cwd: dir });
    }
  }
}

/** Stops every node found in `dir` (the CLI's stop). */
function stopLocalCluster(dir) {
  for (const entry of readdirSync(dir)
    .filter((name) => /^node\d+$/.test(name))
    .sort()) {
    const data = join(dir, entry);
    if (existsSync(join(data, 'postmaster.pid')))
      spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { stdio: 'inherit', ...runAs() });
  }
}

/**
 * The cluster a coordinator URL belongs to: the workers as that database's metadata lists them
 * (pg_dist_node), reached with the coordinator URL's user and password. The database must have the
 * extension and its workers registered (what `start` prints, or an operator's cluster).
 */
async function clusterOf(coordinatorUrl) {
  const { rows } = await query(
    coordinatorUrl,
    `SELECT nodename, nodeport FROM pg_dist_node WHERE groupid > 0 AND noderole = 'primary' AND isactive ORDER BY nodeid`,
  ).catch((error) => {
    throw new Error(`${coordinatorUrl.replace(/:[^:@/]*@/, ':***@')} is not a Citus coordinator: ${error.message}`);
  });
  if (rows.length === 0) throw new Error('The coordinator lists no active worker (SELECT * FROM pg_dist_node)');
  const workerUrls = rows.map((row) => {
    const url = new URL(coordinatorUrl);
    url.hostname = row.nodename;
    url.port = String(row.nodeport);
    return url.toString();
  });
  return { coordinatorUrl, workerUrls };
}

/**
 * Creates `name` on every node of `cluster` with the Citus extension, registers the coordinator and
 * the workers in it, and returns its URL on the coordinator. Nothing is distributed yet: the app's
 * migrations, then `npm run db:distribute`, do that.
 */
async function createClusterDatabase(cluster, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const nodes = [cluster.coordinatorUrl, ...cluster.workerUrls];
  for (const node of nodes) {
    // Citus may propagate CREATE DATABASE itself (citus.enable_create_database_propagation).
    const { rowCount } = await query(node, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await query(node, `CREATE DATABASE ${name}`);
    await query(withDatabase(node, name), 'CREATE EXTENSION IF NOT EXISTS citus');
  }
  const url = withDatabase(cluster.coordinatorUrl, name);
  const coordinator = new URL(cluster.coordinatorUrl);
  await query(url, 'SELECT citus_set_coordinator_host($1, $2)', [
    coordinator.hostname,
    Number(coordinator.port || 5432),
  ]);
  for (const worker of cluster.workerUrls) {
    const w = new URL(worker);
    await query(url, 'SELECT citus_add_node($1, $2)', [w.hostname, Number(w.port || 5432)]);
  }
  return url;
}

/** Drops `name` on every node of `cluster` (the coordinator first, so it opens no new connection to the workers). */
async function dropClusterDatabase(cluster, name) {
  for (const node of [cluster.coordinatorUrl, ...cluster.workerUrls])
    await query(node, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

async function cli(argv) {
  const [command, dir, ...rest] = argv;
  const option = (flag, fallback) => {
    const at = rest.indexOf(flag);
    return at === -1 ? fallback : rest[at + 1];
  };
  if (command === 'stop' && dir) return stopLocalCluster(resolve(dir));
  if (command !== 'start' || !dir)
    throw new Error(
      'usage: node scripts/citus-cluster.js start <dir> [--workers N] [--port P] [--database D] [--plain] | stop <dir>',
    );
  const plain = rest.includes('--plain');
  const workers = Number(option('--workers', 2));
  const base = option('--port');
  const database = option('--database', 'resync');
  const cluster = await startLocalCluster({
    dir,
    workers,
    plain,
    ports: base === undefined ? undefined : Array.from({ length: workers + 1 }, (_, i) => Number(base) + i),
  });
  let url = withDatabase(cluster.coordinatorUrl, database);
  if (plain) {
    const { rowCount } = await query(cluster.coordinatorUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) await query(cluster.coordinatorUrl, `CREATE DATABASE ${database}`);
  } else {
    const { rowCount } = await query(cluster.coordinatorUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) url = await createClusterDatabase(cluster, database);
  }
  console.log(`DATABASE_URL=${url}`);
}

if (require.main === module)
  cli(process.argv.slice(2)).catch((error) => {
    console.error(`citus-cluster: ${error.message}`);
    process.exit(1);
  });

module.exports = {
  PG_BIN,
  BUILD_COMMAND,
  assertCitusInstalled,
  startLocalCluster,
  stopLocalCluster,
  clusterOf,
  createClusterDatabase,
  dropClusterDatabase,
  withDatabase,
  query,
};

#!/usr/bin/env node
// npm run bench:oplog-bytes [-- --count=100000] [-- --rounds=1] [-- --only=sync,async-no-payload] [-- --sql="ALTER TABLE ..."]
// Bytes per operation of the operation log for the bench's sale record: `count` CREATEs through the
// built API's batch endpoint (1,000 a request), synchronously and asynchronously (one worker
// process applies them), with AUDIT_PAYLOADS on and off, each on a fresh database with the real
// migrations; then VACUUM ANALYZE and every relation's size (heap, TOAST, each index; of every
// partition), divided by the operations logged. `--sql` runs after the migrations, before the
// load: a lever tried without a migration (e.g. `--sql="ALTER TABLE sync_operations_p0 SET (fillfactor = 100)"`).
// Each mode is measured twice: as the current period's partition, and compacted (rewritten packed
// as the compaction job does once the period is over: libs/operations/src/partitions/compact-partition.ts).
// Needs `npm run build` first. Prints a table and writes bench/out/oplog-bytes.json.
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { startApp, API_KEY, WORKER_MAIN } = require('./lib/app');
const { startDatabaseServer, query } = require('./lib/postgres');
const { batchBody, ids } = require('./lib/records');
const { OUT } = require('./lib/log');
require('../scripts/register-ts');
const { compactPartition } = require('../libs/operations/src/partitions/compact-partition.ts');
const { Client } = require('pg');

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const COUNT = Number(arg('count') ?? 100_000);
const SQL = arg('sql');
// Loads of COUNT / ROUNDS operations, each followed by a VACUUM (what autovacuum does between
// bursts): space freed by dead row versions is reused by the next round's rows, as in a live log.
const ROUNDS = Number(arg('rounds') ?? 1);
if (!(Number.isInteger(COUNT / ROUNDS) && COUNT / ROUNDS > 0))
  throw new Error('--count must be a multiple of --rounds');
const MODES = [
  { name: 'sync', asynchronous: false, payloads: true },
  { name: 'sync-no-payload', asynchronous: false, payloads: false },
  { name: 'async', asynchronous: true, payloads: true },
  { name: 'async-no-payload', asynchronous: true, payloads: false },
].filter((m) => !arg('only') || arg('only').split(',').includes(m.name));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sends COUNT sale CREATEs in batches of 1,000, four requests in flight; every answer checked. */
async function push(url, asynchronous, total) {
  let sent = 0;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
  if (asynchronous) headers.prefer = 'respond-async';
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (sent < total) {
        const n = Math.min(1000, total - sent);
        sent += n;
        const res = await fetch(`${url}/tables/venta/batch`, { method: 'POST', headers, body: batchBody(ids('b', n)) });
        const text = await res.text();
        if (res.status !== (asynchronous ? 202 : 200) || !text.includes('"failed":0'))
          throw new Error(`push: ${res.status} ${text.slice(0, 200)}`);
      }
    }),
  );
}

/**
 * Every relation that holds the log and the tables that grow with it, main fork only (what the
 * rows take; FSM and visibility maps are a few pages): heap, TOAST (its heap and index), and each
 * index by its name on the partitioned parent when there is one.
 */
const SIZES = `
  WITH tables AS (
    SELECT t.root, p.relid FROM unnest($1::text[]) AS t(root)
    CROSS JOIN LATERAL pg_partition_tree(t.root::regclass) p WHERE p.isleaf
    UNION ALL -- a table that is not partitioned is its own leaf
    SELECT t.root, t.root::regclass FROM unnest($1::text[]) AS t(root)
    WHERE (SELECT relkind FROM pg_class WHERE oid = t.root::regclass) <> 'p'),
  parts AS (
    SELECT t.root, 'heap' AS part, pg_relation_size(t.relid) AS bytes FROM tables t
    UNION ALL
    SELECT t.root, 'toast', coalesce(pg_relation_size(c.reltoastrelid), 0)
      + coalesce((SELECT sum(pg_relation_size(i.indexrelid)) FROM pg_index i WHERE i.indrelid = c.reltoastrelid), 0)
    FROM tables t JOIN pg_class c ON c.oid = t.relid
    UNION ALL
    SELECT t.root, 'index ' || coalesce(pg_partition_root(i.indexrelid), i.indexrelid)::regclass::text,
           pg_relation_size(i.indexrelid)
    FROM tables t JOIN pg_index i ON i.indrelid = t.relid)
  SELECT root, part, sum(bytes)::bigint AS bytes FROM parts GROUP BY root, part ORDER BY root, part`;

async function measure(db, mode) {
  const url = await db.createDatabase(`oplog_${mode.name}`);
  if (SQL) await query(url, SQL);
  const env = { AUDIT_PAYLOADS: String(mode.payloads), ASYNC_MAX_QUEUE_DEPTH: '100000000' };
  const app = await startApp(url, `oplog-${mode.name}`, env);
  const worker = mode.asynchronous
    ? await startApp(url, `oplog-${mode.name}-worker`, { ...env, RUN_JOBS: 'true' }, WORKER_MAIN)
    : null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await push(app.url, mode.asynchronous, COUNT / ROUNDS);
      const deadline = Date.now() + 10 * 60_000;
      while ((await query(url, 'SELECT EXISTS (SELECT 1 FROM sync_queue) AS q')).rows[0].q) {
        if (Date.now() > deadline) throw new Error(`${mode.name}: operations still QUEUED after 10 minutes`);
        await sleep(200);
      }
      if (round < ROUNDS - 1) await query(url, 'VACUUM sync_operations');
    }
  } finally {
    await Promise.all([app.stop(), worker?.stop()]);
  }
  const { rows: counted } = await query(
    url,
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed FROM sync_operations`,
  );
  if (counted[0].n !== COUNT || counted[0].completed !== COUNT)
    throw new Error(`${mode.name}: ${counted[0].n} operations, ${counted[0].completed} COMPLETED (expected ${COUNT})`);
  await query(url, 'VACUUM ANALYZE');
  const live = await sizes(url);
  // Once its period is over, a partition is rewritten packed (compaction, docs/operation-log.md).
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT name FROM sync_operation_partitions WHERE retired_at IS NULL`);
    for (const { name } of rows) {
      await client.query('BEGIN');
      if ((await compactPartition(client, name)) !== 'compacted') throw new Error(`${name} not compacted`);
      await client.query('COMMIT');
    }
  } finally {
    await client.end();
  }
  await query(url, 'VACUUM ANALYZE');
  return { mode: mode.name, count: COUNT, ...live, compacted: await sizes(url) };
}

/** Bytes per operation of the log (and of the job lists that grow with it), by relation part. */
async function sizes(url) {
  const { rows } = await query(url, SIZES, [['sync_operations', 'sync_job_operations']]);
  const parts = rows.map((r) => ({ table: r.root, part: r.part, perOperation: Number(r.bytes) / COUNT }));
  const total = (table) => parts.filter((p) => p.table === table).reduce((a, p) => a + p.perOperation, 0);
  return { parts, log: total('sync_operations'), all: parts.reduce((a, p) => a + p.perOperation, 0) };
}

async function main() {
  const db = await startDatabaseServer();
  const results = [];
  try {
    for (const mode of MODES) {
      const r = await measure(db, mode);
      results.push(r);
      for (const [label, m] of [
        ['current partition', r],
        ['compacted', r.compacted],
      ]) {
        console.log(
          `\n${mode.name}, ${label}: ${m.log.toFixed(0)} bytes per operation in sync_operations (${m.all.toFixed(0)} with the job lists)`,
        );
        for (const p of m.parts)
          console.log(`  ${p.table.padEnd(20)} ${p.part.padEnd(48)} ${p.perOperation.toFixed(1).padStart(7)}`);
      }
      await db.reset();
    }
  } finally {
    await db.stop();
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'oplog-bytes.json'), JSON.stringify({ sql: SQL ?? null, rounds: ROUNDS, results }, null, 2));
  console.log('\n| path | payloads | current partition | compacted partition |');
  console.log('| --- | --- | --- | --- |');
  for (const r of results)
    console.log(
      `| ${r.mode.startsWith('async') ? 'async' : 'sync'} | ${r.mode.endsWith('no-payload') ? 'off' : 'on'} | ${r.log.toFixed(0)} | ${r.compacted.log.toFixed(0)} |`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

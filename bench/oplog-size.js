#!/usr/bin/env node
// npm run bench:oplog-size [-- --small=1000000] [-- --large=20000000] [-- --rounds=3] [-- --seconds=6]
//   [-- --warmup=5] [-- --connections=8] [-- --only=status-1,status-1000,ingest-100] [-- --shared-buffers=4GB]
// Does the operation log's size slow the hot paths? (docs/operation-log.md, "Measured: the log's
// size".) Two databases with the real migrations, their logs filled as a year of production leaves
// them (bench/lib/oplog-fill.js: twelve monthly partitions made by the app's partitions job, closed
// months compacted, the month before retired into record heads, one `venta` row per record): one
// with `small` operations, one grown to `large`. Then the built API on each, status at 1 and at
// 1,000 ids a request (random records of the whole year) and ingest at 100 new records a request,
// measured in alternating rounds after a warm-up (a slow moment of the shared machine hits both);
// the ratio is large / small, target ≥ 0.9 each, and an extrapolation to 100 million operations.
// Also prints the status statement's buffers on each (EXPLAIN). With --shared-buffers, everything is
// measured again after restarting the server with that setting (the same databases). Needs `npm run build`.
const { startApp, clientHeaders } = require('./lib/app');
const { join } = require('node:path');
const { startDatabaseServer, query, DIST } = require('./lib/postgres');
const { http } = require('./lib/load');
const { log, keep, fmt, ratio } = require('./lib/log');
const { ids, batchBody, statusBody, count } = require('./lib/records');
const { fillLog } = require('./lib/oplog-fill');
const { CLIENT } = require('./lib/baseline');

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const settings = {
  small: Number(arg('small') ?? 1_000_000),
  large: Number(arg('large') ?? 20_000_000),
  rounds: Number(arg('rounds') ?? 3),
  seconds: Number(arg('seconds') ?? 6),
  warmup: Number(arg('warmup') ?? 5),
  connections: Number(arg('connections') ?? 8),
  // Then measured again after a restart with each of these shared_buffers (the server's default first).
  sharedBuffers: arg('shared-buffers')?.split(',') ?? [],
};
if (!settings.sharedBuffers.every((b) => /^\d+(kB|MB|GB)$/.test(b)))
  throw new Error('--shared-buffers: sizes such as 4GB');
const TARGET = 0.9;
const EXTRAPOLATE_TO = 100_000_000;
const only = arg('only')?.split(',');
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/** Status of `size` random records of the database's year, every answer COMPLETED with its row. */
const status = (size) => (side) => ({
  path: '/records',
  perRequest: size,
  body: () =>
    statusBody(Array.from({ length: size }, () => `s-${1 + Math.floor(Math.random() * side.filled.records)}`)),
  check: (t) => count(t, '"status":"COMPLETED"') === size && !t.includes('"data":null'),
});

/** Ingest of 100 new records a request; each answer 100 COMPLETED, none a duplicate. */
const ingest = (side) => ({
  path: '/tables/venta/batch',
  perRequest: 100,
  body: () => batchBody(ids('a', 100)),
  check: (t) => t.endsWith('"failed":0}') && count(t, '"status":"COMPLETED"') === 100 && !t.includes('"note"'),
  // what was acknowledged was written: operations (in the current partition, past `since`) and rows
  written: async (since) =>
    (
      await query(
        side.url,
        `SELECT count(*)::int AS ops, count(t._hash_id)::int AS rows FROM sync_operations o
         LEFT JOIN venta t ON t._client_id = o.client_id AND t._hash_id = o.record_id WHERE o.id > $1::bigint`,
        [since],
      )
    ).rows[0],
});

const SCENARIOS = [
  { name: 'status-1', request: status(1) },
  { name: 'status-1000', request: status(1000) },
  { name: 'ingest-100', request: ingest },
].filter((s) => !only || only.includes(s.name));

const newestId = async (url) =>
  (await query(url, `SELECT coalesce(max(id), 0)::text AS id FROM sync_operations`)).rows[0].id;

/** One run against one side; for ingest, checks what was written once the cut-off requests landed. */
async function runOnce(side, scenario, seconds, runLabel, pids) {
  const request = scenario.request(side);
  const since = request.written ? await newestId(side.url) : null;
  const r = await http({
    url: side.app.url,
    headers: clientHeaders,
    connections: settings.connections,
    seconds,
    label: runLabel,
    pids,
    ...request,
  });
  if (request.written) {
    let last;
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await request.written(since);
      if (last && now.ops === last.ops) break;
      last = now;
    }
    const slack = settings.connections * request.perRequest;
    if (last.rows !== last.ops || last.ops < r.records || last.ops > r.records + slack)
      throw new Error(
        `${runLabel}: ${fmt(r.records)} acknowledged, ${fmt(last.ops)} operations and ${fmt(last.rows)} rows written`,
      );
  }
  return r;
}

/** Warm-up on each side, then rounds in alternating order; rates are records over seconds of each side. */
async function measure(db, sides, scenario) {
  log(`\n== ${scenario.name}`);
  const runs = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (const side of sides)
    await runOnce(side, scenario, settings.warmup, `${scenario.name} ${side.name} warm-up`, {
      app: side.app.pid,
      postgres: db.pid,
    });
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 ? sides : [...sides].reverse();
    for (const side of order) {
      const runLabel = `${scenario.name} ${side.name} ${round}/${settings.rounds}`;
      runs[side.name].push(
        await runOnce(side, scenario, settings.seconds, runLabel, { app: side.app.pid, postgres: db.pid }),
      );
    }
  }
  keep(`oplog-size-${scenario.name}`, runs);
  const rate = (list) => list.reduce((a, r) => a + r.records, 0) / list.reduce((a, r) => a + r.seconds, 0);
  const [small, large] = sides.map((s) => rate(runs[s.name]));
  const p99 = (list) => Math.max(...list.map((r) => r.latencyMs.p99));
  // Per-record time t(n) = a + b·ln(n) (a B-tree's depth grows with the log of its size), through both points.
  // (no slowdown measured: b = 0, nothing to extrapolate)
  const b = Math.max(0, (1 / large - 1 / small) / Math.log(settings.large / settings.small));
  const extrapolated = 1 / small / (1 / small + b * Math.log(EXTRAPOLATE_TO / settings.small));
  const out = {
    name: scenario.name,
    small,
    large,
    ratio: large / small,
    extrapolated,
    p99: sides.map((s) => p99(runs[s.name])),
  };
  log(
    `RESULT ${scenario.name} ${sides[0].name}=${fmt(small)}/s ${sides[1].name}=${fmt(large)}/s ratio=${ratio(out.ratio)} ` +
      `(target ≥ ${TARGET}: ${out.ratio >= TARGET ? 'met' : 'NOT MET'}); p99 ${out.p99.join(' / ')} ms; ` +
      `extrapolated to ${label(EXTRAPOLATE_TO)}: ${ratio(extrapolated)} of ${sides[0].name}`,
  );
  return out;
}

/**
 * The status statement for `size` random records of the side (EXPLAIN ANALYZE, BUFFERS): its time,
 * and the buffers it touched (hit in shared buffers / read from the OS) by relation: the log's
 * partitions, the records table and the record heads.
 */
async function explainStatus(side, size) {
  const { statusSql } = require(join(DIST, 'libs/record-status/src/record-status.repository.js'));
  const list = Array.from({ length: size }, () => `s-${1 + Math.floor(Math.random() * side.filled.records)}`);
  const none = list.map(() => null);
  const { rows } = await query(side.url, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statusSql('venta')}`, [
    list,
    none,
    none,
    CLIENT,
    'venta',
    'Stale version ignored',
    null,
  ]);
  const nodes = [];
  const walk = (n) => (nodes.push(n), (n.Plans ?? []).forEach(walk));
  const top = rows[0]['QUERY PLAN'][0];
  walk(top.Plan);
  const group = (n) =>
    /^sync_operations_p/.test(n['Relation Name'] ?? '') ? 'log' : (n['Relation Name'] ?? n['Index Name'] ?? '');
  const by = {};
  // Leaf scans only (a parent node's buffers include its children's).
  for (const n of nodes.filter((x) => /Scan/.test(x['Node Type']) && !x.Plans)) {
    const g = (by[group(n)] ??= { nodes: 0, hit: 0, read: 0 });
    g.nodes++;
    g.hit += n['Shared Hit Blocks'];
    g.read += n['Shared Read Blocks'];
  }
  log(
    `  ${side.name}: status of ${size} random record(s) in ${top['Execution Time'].toFixed(1)} ms; buffers hit/read ` +
      `${top.Plan['Shared Hit Blocks']}/${top.Plan['Shared Read Blocks']}: ` +
      Object.entries(by)
        .map(([k, g]) => `${k} ${g.hit}/${g.read} (${g.nodes} scans)`)
        .join(', '),
  );
}

async function main() {
  const started = Date.now();
  log(
    `operation log size: ${label(settings.small)} against ${label(settings.large)} operations; ${settings.rounds} round(s) of ${settings.seconds} s per side after ${settings.warmup} s warm-up, ${settings.connections} connections`,
  );
  const db = await startDatabaseServer();
  log(
    `PostgreSQL ${db.settings.version} (embedded, fsync=${db.settings.fsync}, shared_buffers=${db.settings.shared_buffers})`,
  );
  const sides = [];
  const results = [];
  try {
    for (const total of [settings.small, settings.large]) {
      const name = label(total);
      const url = await db.createDatabase(`oplog_${name.toLowerCase()}`);
      // Room for a fill of millions of rows between checkpoints (a bench server of its own, gone after the run).
      if (sides.length === 0) {
        await query(url, `ALTER SYSTEM SET max_wal_size = '8GB'`);
        await query(url, 'SELECT pg_reload_conf()');
      }
      log(`filling ${name}...`);
      const t0 = Date.now();
      const filled = await fillLog(url, total, (step, ms) => log(`  ${name} ${step}: ${(ms / 1000).toFixed(1)} s`));
      log(
        `  ${name}: ${fmt(filled.operations)} operations in ${filled.partitions} partitions, ${fmt(filled.records)} records, ` +
          `${fmt(filled.heads)} record heads, database ${filled.size}; filled in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
      await db.checkpoint();
      sides.push({ name, url, filled });
    }
    for (const buffers of [null, ...settings.sharedBuffers]) {
      if (buffers) {
        // The same databases again with more shared buffers (a restart: the apps stop first).
        await query(sides[0].url, `ALTER SYSTEM SET shared_buffers = '${buffers}'`);
        await db.restart();
      }
      log(`\n=== shared_buffers=${db.settings.shared_buffers}`);
      for (const side of sides) for (const size of [1, 1000]) await explainStatus(side, size);
      for (const side of sides) side.app = await startApp(side.url, `oplog-size-${side.name}`);
      try {
        for (const scenario of SCENARIOS)
          results.push({ ...(await measure(db, sides, scenario)), sharedBuffers: db.settings.shared_buffers });
        log('\nafter the load (caches warm):');
        for (const side of sides) for (const size of [1, 1000]) await explainStatus(side, size);
      } finally {
        await Promise.all(sides.map((s) => s.app.stop()));
      }
    }
  } finally {
    await db.stop();
  }
  keep('oplog-size', { settings, results });
  log(
    `\n| shared_buffers | scenario | ${label(settings.small)} (records/s) | ${label(settings.large)} (records/s) | ratio (≥ ${TARGET}) | extrapolated to ${label(EXTRAPOLATE_TO)} |`,
  );
  log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results)
    log(
      `| ${r.sharedBuffers} | ${r.name} | ${fmt(r.small)} | ${fmt(r.large)} | ${ratio(r.ratio)} | ${ratio(r.extrapolated)} |`,
    );
  log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (results.some((r) => r.ratio < TARGET)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

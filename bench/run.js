#!/usr/bin/env node
// npm run bench [-- --quick] [-- --connections=N] [-- --only=ingest-100,status-1000,...]
// The built API against a raw-SQL baseline measured in the same run; writes bench/results.md and
// bench/throughput.svg, raw figures in bench/out/. DATABASE_URL=<server> runs it on that server
// instead of an embedded one (DATABASE_ENGINE=citus: a Citus coordinator) and writes its report
// into bench/out/ (docs/benchmarks.md).
const { POOL_SIZE } = require('./lib/app');
const { drain, Skip } = require('./lib/drain');
const { log, fmt, ratio } = require('./lib/log');
const { startDatabaseServer } = require('./lib/postgres');
const { write } = require('./lib/report');
const s = require('./lib/scenarios');
const a = require('./lib/async');
const costs = require('./lib/costs');
const delivery = require('./lib/delivery');

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const settings = {
  quick,
  connections: Number(arg('connections') ?? 8),
  warmup: quick ? 1 : 2,
  seconds: quick ? 3 : 6,
  rounds: quick ? 1 : 3,
  poolSize: POOL_SIZE,
  statusStored: quick ? 50_000 : 200_000,
  prefill: quick ? 200_000 : 1_000_000,
  drainCount: 10_000,
  outboxCount: quick ? 50_000 : 200_000,
  sustainedSeconds: quick ? 20 : 60,
};
const only = arg('only')?.split(',');
if (!(Number.isInteger(settings.connections) && settings.connections > 0))
  throw new Error('--connections must be a positive integer');
const grownName = `ingest-100-grown-${settings.prefill >= 1e6 ? `${settings.prefill / 1e6}m` : `${settings.prefill / 1e3}k`}`;

const DELIVERY = ['deliver-batched', 'sustained'];
const ratioTarget = (min) => ({ target: `≥ ${min} of baseline`, met: (r) => r.ratio >= min });
const SCENARIOS = [
  { name: 'ingest-1', run: (ctx) => s.ingest(ctx, 1), ...ratioTarget(0.5) },
  {
    name: 'ingest-1-http-floor',
    run: (ctx) => s.httpFloor(ctx),
    against: 'HTTP floor (bare Fastify + node-pg)',
    key: 'floor',
    target: '≥ 0.8 of the HTTP floor',
    met: (r) => r.ratio >= 0.8,
  },
  { name: 'ingest-100', run: (ctx) => s.ingest(ctx, 100), ...ratioTarget(0.5) },
  { name: 'ingest-1000', run: (ctx) => s.ingest(ctx, 1000), ...ratioTarget(0.5) },
  {
    name: 'row-by-row',
    run: (ctx) => s.rowByRow(ctx),
    against: 'row-by-row',
    target: '≥ 10× row-by-row',
    met: (r) => r.ratio >= 10,
  },
  { name: 'status-1', run: (ctx) => s.status(ctx, 1, settings.statusStored), ...ratioTarget(0.5) },
  { name: 'status-1000', run: (ctx) => s.status(ctx, 1000, settings.statusStored), ...ratioTarget(0.5) },
  { name: 'pull-1000', run: (ctx) => s.pull(ctx, 1000, settings.statusStored), ...ratioTarget(0.8) },
  { name: grownName, run: (ctx) => s.growth(ctx, grownName, settings.prefill), notes: grownNotes },
  {
    name: 'ingest-100-deleted-30',
    run: (ctx) => s.ingestAmongTombstones(ctx, 'ingest-100-deleted-30', settings.statusStored),
    notes: (r) => against(r, 'ingest-100'),
  },
  {
    name: 'status-1000-deleted-30',
    run: (ctx) => s.status(ctx, 1000, settings.statusStored, 0.3),
    notes: (r) => against(r, 'status-1000'),
  },
  { name: 'audit-cost', run: (ctx) => costs.auditCost(ctx), against: 'AUDIT_PAYLOADS=false', key: 'payloads_off' },
  { name: 'metrics-cost', run: (ctx) => costs.metricsCost(ctx), against: 'METRICS_ENABLED=false', key: 'metrics_off' },
  {
    name: 'async-accept-1000',
    run: (ctx) => a.asyncAccept(ctx, 1000),
    against: 'sync ingest-1000',
    target: '≥ 1.5× sync',
    met: (r) => r.ratio >= 1.5,
  },
  {
    name: 'async-e2e-200k',
    run: (ctx) => a.asyncEndToEnd(ctx, 200_000),
    against: 'sync',
    target: '≥ 0.8 of sync',
    met: (r) => r.ratio >= 0.8,
  },
  { name: 'async-latency', run: (ctx) => a.asyncLatency(ctx, quick ? 100 : 300), against: 'p99 ms', key: 'p99_ms' },
  {
    name: 'drain',
    run: (ctx) => runDrain(ctx),
    against: 'endpoint max',
    key: 'endpoint_max',
    target: '≥ 0.5 of the endpoint max',
    met: (r) => r.ratio >= 0.5,
  },
  {
    name: 'deliver-batched',
    run: (ctx) => delivery.deliverBatched(ctx, settings.outboxCount, ingest1000().api),
    against: 'ingest-1000 (this run)',
    target: '≥ 1.0 of ingest-1000',
    met: (r) => r.ratio >= 1,
  },
  {
    name: 'ingest-1000-with-outbox',
    run: (ctx) => delivery.ingestWithOutbox(ctx),
    against: 'ingest-1000, external sync off',
    key: 'sync_off',
    target: '≥ 0.8 of sync off',
    met: (r) => r.ratio >= 0.8,
  },
  {
    name: `sustained-${settings.sustainedSeconds}s`,
    run: (ctx) => delivery.sustained(ctx, ingest1000().api, settings.sustainedSeconds),
    against: 'ingest-1000 rate (this run)',
    key: 'ingest_1000',
    target: 'outbox at the end < 1 s of ingest',
    met: (r) => r.depthEnd < r.baseline,
  },
].filter(
  (x) =>
    !only ||
    only.includes(x.name) ||
    (x.name === grownName && only.includes('growth')) ||
    (x.name.startsWith('sustained-') && only.includes('sustained')) ||
    // the delivery scenarios compare with ingest-1000 of the same run
    (x.name === 'ingest-1000' && only.some((name) => DELIVERY.includes(name))),
);
if (SCENARIOS.length === 0)
  throw new Error(
    `--only=${only} matches no scenario (ingest-1, ingest-1-http-floor, ingest-100, ingest-1000, row-by-row, status-1, status-1000, pull-1000, growth, ingest-100-deleted-30, status-1000-deleted-30, audit-cost, metrics-cost, async-accept-1000, async-e2e-200k, async-latency, drain, deliver-batched, ingest-1000-with-outbox, sustained)`,
  );

const results = [];

/** ingest-1000's result in this run (the delivery scenarios' reference). */
function ingest1000() {
  const r = results.find((x) => x.name === 'ingest-1000' && x.status === 'ok');
  if (!r) throw new Skip('needs ingest-1000 measured earlier in the same run');
  return r;
}

function grownNotes(r) {
  const empty = results.find((x) => x.name === 'ingest-100' && x.status === 'ok');
  if (!empty) return [];
  return [
    `against the empty tables of ingest-100: API ×${ratio(r.api / empty.api)}, baseline ×${ratio(r.baseline / empty.baseline)}`,
  ];
}

/** How a scenario on tables with 30% tombstones compares with the same scenario on live rows only, in this run. */
function against(r, plain) {
  const other = results.find((x) => x.name === plain && x.status === 'ok');
  if (!other) return [];
  return [
    `against ${plain} (no deleted rows): API ×${ratio(r.api / other.api)}, baseline ×${ratio(r.baseline / other.baseline)}`,
  ];
}

async function runDrain(ctx) {
  const d = await drain(ctx, await ctx.db.createDatabase('drain'), settings.drainCount);
  return {
    api: { rate: d.rate, cpu: d.cpu },
    baseline: { rate: d.endpointMax },
    peakMiB: d.peakMiB,
    notes: [`${d.duplicates} duplicate deliveries`, `${fmt(settings.drainCount)} rows in ${d.seconds.toFixed(1)} s`],
  };
}

/** Runs one scenario and prints its RESULT line; a failure is reported and the run goes on. */
async function measure(ctx, scenario) {
  const key = scenario.key ?? 'baseline';
  const entry = { name: scenario.name, against: scenario.against ?? 'baseline', target: scenario.target, status: 'ok' };
  log(`\n== ${scenario.name}`);
  try {
    const m = await scenario.run(ctx);
    Object.assign(entry, {
      api: m.api.rate,
      baseline: m.baseline.rate,
      ratio: m.api.rate / m.baseline.rate,
      peakMiB: m.peakMiB,
      cpu: m.api.cpu,
      notes: m.notes ?? [],
      ...m.extra,
    });
    if (m.api.p99) entry.notes.push(`API p99 ${fmt(m.api.p99)} ms`);
    entry.notes.push(...(scenario.notes?.(entry) ?? []));
    entry.met = scenario.met?.(entry);
    log(
      `RESULT ${scenario.name} api=${Math.round(entry.api)} ${key}=${Math.round(entry.baseline)} ratio=${ratio(entry.ratio)}`,
    );
    if (entry.target) log(`  target ${entry.target}: ${entry.met ? 'met' : 'NOT MET'}`);
  } catch (error) {
    const skipped = error instanceof Skip;
    Object.assign(entry, {
      status: skipped ? 'skipped' : 'FAILED',
      reason: error.message,
      baseline: error.endpointMax,
    });
    log(
      `RESULT ${scenario.name} api=n/a ${key}=${Number.isFinite(error.endpointMax) ? Math.round(error.endpointMax) : 'n/a'} ratio=n/a ${skipped ? 'skipped' : 'FAILED'}: ${error.message}`,
    );
  }
  results.push(entry);
}

async function main() {
  const started = new Date();
  // Every load is bounded; this bounds the run as a whole in case something hangs anyway.
  setTimeout(() => (log('bench: run took too long, giving up'), process.exit(2)), (quick ? 6 : 25) * 60_000).unref();
  log(
    `resync benchmark (${quick ? 'quick' : 'full'}): concurrency ${settings.connections} (autocannon connections = node-pg clients), ${settings.rounds} round(s) of ${settings.seconds} s per side after a ${settings.warmup} s warm-up`,
  );
  const db = await startDatabaseServer();
  log(
    `PostgreSQL ${db.settings.version} (${db.settings.where}, fsync=${db.settings.fsync}, synchronous_commit=${db.settings.synchronous_commit}, shared_buffers=${db.settings.shared_buffers})`,
  );
  try {
    for (const scenario of SCENARIOS) {
      await db.reset();
      await measure({ settings, db }, scenario);
    }
  } finally {
    await db.stop();
  }
  write({ results, settings, postgres: db.settings, started, finished: new Date() });
  const where = process.env.DATABASE_URL ? 'bench/out' : 'bench';
  log(
    `\nWrote ${where}/results.md and ${where}/throughput.svg in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`,
  );
  if (results.some((r) => r.status === 'FAILED')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

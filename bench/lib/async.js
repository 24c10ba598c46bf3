// Asynchronous ingest (README "Asynchronous ingest"): acceptance against synchronous ingest of the
// same batches, end-to-end throughput with two worker processes, and acceptance-to-COMPLETED
// latency at low load.
const { startApp, API_KEY, WORKER_MAIN } = require('./app');
const baseline = require('./baseline');
const { cpuSeconds } = require('./cpu');
const { http } = require('./load');
const { log, keep, fmt } = require('./log');
const { query } = require('./postgres');
const { ids, itemBody, batchBody, count } = require('./records');
const { pair, apiIngest } = require('./scenarios');

const auth = { authorization: `Bearer ${API_KEY}` };
const asyncHeaders = { ...auth, prefer: 'respond-async' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// The bench queues far more than the default limit would let through: backpressure is not measured here.
const NO_LIMIT = { ASYNC_MAX_QUEUE_DEPTH: '100000000' };

// The queue's own table (sync_queue, one row per batch): sync_operations has no index on status, and
// polling it every 50 ms while the workers drain would scan the log, CPU taken from the workers.
const queued = async (url) => (await query(url, `SELECT coalesce(sum(size), 0)::int AS n FROM sync_queue`)).rows[0].n;
const anyQueued = async (url) => (await query(url, `SELECT EXISTS (SELECT 1 FROM sync_queue) AS any`)).rows[0].any;

/** Accepting batches of `size` with Prefer: respond-async: QUEUED operations written, no rows (no worker runs). */
const apiAccept =
  (ctx, size, url) =>
  async ({ app, pids, seconds, label }) => {
    const before = await baseline.counts(url);
    const r = await http({
      url: app.url,
      path: '/tables/venta/batch',
      headers: asyncHeaders,
      connections: ctx.settings.connections,
      seconds,
      label,
      pids,
      perRequest: size,
      body: () => batchBody(ids('q', size)),
      check: (t) =>
        t.includes('"status":"accepted"') &&
        t.includes(`"queued":${size},"failed":0`) &&
        count(t, '"status":"QUEUED"') === size,
    });
    await sleep(300); // requests cut off when the load stopped still land
    const after = await baseline.counts(url);
    const ops = after.ops - before.ops;
    if (after.rows !== before.rows || ops < r.records || ops > r.records + ctx.settings.connections * size) {
      throw new Error(
        `${label}: ${fmt(r.records)} records acknowledged but ${fmt(ops)} operations queued and ${fmt(after.rows - before.rows)} rows written`,
      );
    }
    return r;
  };

/** Async acceptance of batches of 1,000 against synchronous ingest of the same batches, alternating, each on its own database. */
async function asyncAccept(ctx, size = 1000) {
  const [asyncDb, syncDb] = [
    await ctx.db.createDatabase('async_accept'),
    await ctx.db.createDatabase('async_accept_sync'),
  ];
  const sync = await startApp(syncDb, 'async-accept-sync');
  try {
    const syncIngest = apiIngest(ctx, size, syncDb);
    const syncSide = ({ seconds, label }) =>
      syncIngest({ app: sync, pids: { app: sync.pid, postgres: ctx.db.pid }, seconds, label });
    await syncSide({ seconds: ctx.settings.warmup, label: 'async-accept sync warm-up' });
    return await pair(ctx, `async-accept-${size}`, asyncDb, apiAccept(ctx, size, asyncDb), syncSide, NO_LIMIT);
  } finally {
    await sync.stop();
  }
}

/** Sends `total` records in batches of `size`, `connections` requests in flight; every answer must be right. */
async function push(url, total, size, connections, asynchronous) {
  let sent = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent < total) {
        const n = Math.min(size, total - sent);
        sent += n;
        const res = await fetch(`${url}/tables/venta/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(asynchronous ? asyncHeaders : auth) },
          body: batchBody(ids('e', n)),
        });
        const text = await res.text();
        const ok = asynchronous
          ? res.status === 202 && text.includes(`"queued":${n},"failed":0`)
          : res.status === 200 && text.endsWith('"failed":0}');
        if (!ok) throw new Error(`push: ${res.status} ${text.slice(0, 200)}`);
      }
    }),
  );
  return (Date.now() - started) / 1000;
}

/**
 * `total` records pushed in batches of 1,000 (concurrency as the other scenarios): synchronously
 * into one app, and asynchronously into an app (RUN_JOBS=false) with two worker processes
 * (apps/worker, RUN_JOBS=true) applying them, timed from the first request until the last
 * operation is COMPLETED. Like the other scenarios the two sides alternate (sync then async, then
 * async then sync in a full run), each phase on settled databases, so that a slow moment of a
 * shared machine does not fall on one side only; rates are over all of a side's phases.
 */
async function asyncEndToEnd(ctx, total) {
  const name = `async-e2e-${total / 1000}k`;
  const rounds = ctx.settings.rounds > 1 ? 2 : 1;
  const connections = ctx.settings.connections;
  const [syncDb, asyncDb] = [await ctx.db.createDatabase('async_e2e_sync'), await ctx.db.createDatabase('async_e2e')];
  const sync = await startApp(syncDb, `${name}-sync`);
  const api = await startApp(asyncDb, `${name}-api`, NO_LIMIT);
  const workers = await Promise.all(
    [1, 2].map((n) => startApp(asyncDb, `${name}-worker-${n}`, { RUN_JOBS: 'true' }, WORKER_MAIN)),
  );
  const sides = {
    sync: { seconds: 0, cpu: [], pids: { app: sync.pid, postgres: ctx.db.pid, bench: process.pid } },
    async: {
      seconds: 0,
      acceptSeconds: 0,
      cpu: [],
      pids: {
        api: api.pid,
        'worker 1': workers[0].pid,
        'worker 2': workers[1].pid,
        postgres: ctx.db.pid,
        bench: process.pid,
      },
    },
  };
  /** One timed phase of a side: its records pushed (and, asynchronously, all COMPLETED). */
  const phase = {
    sync: async () => push(sync.url, total, 1000, connections, false),
    async: async () => {
      const started = Date.now();
      sides.async.acceptSeconds += await push(api.url, total, 1000, connections, true);
      const deadline = Date.now() + 10 * 60_000;
      let lastLog = Date.now();
      while (await anyQueued(asyncDb)) {
        if (Date.now() > deadline) throw new Error(`${name}: operations still QUEUED after 10 minutes`);
        if (Date.now() - lastLog >= 2000) {
          const left = await queued(asyncDb);
          log(`  [${name}] ${((Date.now() - started) / 1000).toFixed(1)} s: ${fmt(left)} operations still QUEUED`);
          lastLog = Date.now();
        }
        await sleep(50);
      }
      return (Date.now() - started) / 1000;
    },
  };
  let peakMiB;
  try {
    await push(sync.url, 10_000, 1000, connections, false); // warm-ups; the asynchronous one drained
    await push(api.url, 10_000, 1000, connections, true);
    while (await anyQueued(asyncDb)) await sleep(100);
    for (let round = 1; round <= rounds; round++) {
      for (const side of round % 2 ? ['sync', 'async'] : ['async', 'sync']) {
        // Settled first: VACUUM ANALYZE of what was written, autovacuum idle, a checkpoint.
        await ctx.db.settle(syncDb);
        await ctx.db.settle(asyncDb);
        const before = cpuSeconds(sides[side].pids);
        const seconds = await phase[side]();
        sides[side].cpu.push(perThousand(before, cpuSeconds(sides[side].pids), total));
        sides[side].seconds += seconds;
        log(
          `  [${name}] ${side} ${round}/${rounds}: ${fmt(total)} records in ${seconds.toFixed(1)} s, ${fmt(total / seconds)} records/s`,
        );
      }
    }
    peakMiB = Math.max(api.peakMiB(), ...workers.map((w) => w.peakMiB()));
  } finally {
    await Promise.all([sync.stop(), api.stop(), ...workers.map((w) => w.stop())]);
  }
  const expected = rounds * total + 10_000;
  const syncRows = (await baseline.counts(syncDb)).rows;
  if (syncRows !== expected) throw new Error(`${name}: ${fmt(syncRows)} rows after the synchronous pushes`);
  const { rows } = await query(
    asyncDb,
    `SELECT (SELECT count(*) FROM venta)::int AS rows, (SELECT count(*) FROM sync_operations WHERE status = 'COMPLETED' AND note IS NULL)::int AS completed`,
  );
  if (rows[0].rows !== expected || rows[0].completed !== expected)
    throw new Error(
      `${name}: ${fmt(rows[0].rows)} rows, ${fmt(rows[0].completed)} operations COMPLETED without a note`,
    );
  const [syncSeconds, seconds, acceptSeconds] = [sides.sync.seconds, sides.async.seconds, sides.async.acceptSeconds];
  const [syncCpu, asyncCpu] = [mean(sides.sync.cpu), mean(sides.async.cpu)];
  const records = rounds * total;
  const rate = records / seconds;
  log(
    `  [${name}] synchronous ${fmt(records / syncSeconds)} records/s; asynchronous: accepted in ${acceptSeconds.toFixed(1)} s, all COMPLETED after ${seconds.toFixed(1)} s: ${fmt(rate)} records/s`,
  );
  log(`  [${name}] CPU ms per 1,000 records: synchronous ${describe(syncCpu)}; asynchronous ${describe(asyncCpu)}`);
  keep(name, { rounds, syncSeconds, acceptSeconds, seconds, total, syncCpu, asyncCpu, phases: sides });
  return {
    api: { rate },
    baseline: { rate: records / syncSeconds },
    peakMiB,
    notes: [
      `${rounds} phase(s) of ${fmt(total)} records a side, alternating: accepted in ${acceptSeconds.toFixed(1)} s in all (${fmt(records / acceptSeconds)} records/s), all COMPLETED after ${seconds.toFixed(1)} s; synchronous ${syncSeconds.toFixed(1)} s`,
      `CPU ms per 1,000 records, synchronous: ${describe(syncCpu)}; asynchronous: ${describe(asyncCpu)}`,
    ],
  };
}

/** The mean of per-phase CPU figures, party by party. */
function mean(list) {
  return Object.fromEntries(
    Object.keys(list[0]).map((k) => [k, Math.round((list.reduce((a, c) => a + c[k], 0) / list.length) * 10) / 10]),
  );
}

/** CPU milliseconds per 1,000 records of each party between two cpuSeconds readings, and their total. */
function perThousand(before, after, records) {
  const each = Object.fromEntries(
    Object.keys(before).map((k) => [k, Math.round(((after[k] - before[k]) * 1e7) / records) / 10]),
  );
  return { ...each, total: Object.values(each).reduce((a, b) => a + b, 0) };
}

const describe = (cpu) =>
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ');

/**
 * Acceptance to COMPLETED at low load: one record at a time (POST /items with Prefer:
 * respond-async) into one app with RUN_JOBS=true, its status polled every 2 ms until COMPLETED.
 */
async function asyncLatency(ctx, samples) {
  const db = await ctx.db.createDatabase('async_latency');
  const app = await startApp(db, 'async-latency', { RUN_JOBS: 'true' });
  const latencies = [];
  try {
    for (let i = 0; i < samples; i++) {
      const [id] = ids('l', 1);
      const t0 = performance.now();
      const res = await fetch(`${app.url}/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asyncHeaders },
        body: itemBody(id),
      });
      if (res.status !== 202) throw new Error(`async-latency: ${res.status} ${await res.text()}`);
      for (;;) {
        const status = await fetch(`${app.url}/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: `{"hash_id":"${id}"}`,
        });
        const text = await status.text();
        if (text.includes('"status":"COMPLETED"')) break;
        if (!text.includes('"status":"PROCESSING"')) throw new Error(`async-latency: ${text.slice(0, 200)}`);
        await sleep(2);
      }
      latencies.push(performance.now() - t0);
      await sleep(20);
    }
  } finally {
    await app.stop();
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const [p50, p99] = [at(0.5), at(0.99)];
  log(`  [async-latency] ${samples} records one at a time: median ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
  keep('async-latency', { latencies });
  return {
    api: { rate: p50 },
    baseline: { rate: p99 },
    notes: [
      `acceptance to COMPLETED, ${samples} records one at a time: median ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (these two columns are ms, not records/s)`,
    ],
  };
}

module.exports = { asyncAccept, asyncEndToEnd, asyncLatency };

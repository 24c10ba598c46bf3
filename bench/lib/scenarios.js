// The scenarios: the API over HTTP against the baseline on its own fresh database, measured in
// alternating rounds after a warm-up, each side checking what it wrote or read.
const { startApp, clientHeaders, storeAuthorizations } = require('./app');
const baseline = require('./baseline');
const { query } = require('./postgres');
const { startFloor } = require('./floor');
const { http, sqlLoop } = require('./load');
const { log, keep, fmt } = require('./log');
const { ids, itemBody, batchBody, statusBody, count } = require('./records');

// The API_KEYS key, or a database key (BENCH_CLIENT_KEYS=database), set by startApp.
const headers = clientHeaders;

/**
 * Starts the app on `apiDb`, warms it up, then runs `api` and `sql` for `rounds` rounds in
 * alternating order (a slow moment of the shared machine hits both sides). Rates are total
 * records over total seconds of each side.
 */
async function pair(ctx, name, apiDb, api, sql, env = {}) {
  const { settings } = ctx;
  const app = await startApp(apiDb, name, env);
  const runs = { api: [], baseline: [] };
  try {
    const pids = { app: app.pid, postgres: ctx.db.pid };
    await api({ app, pids, seconds: settings.warmup, label: `${name} api warm-up` });
    for (let round = 1; round <= settings.rounds; round++) {
      const order = round % 2 ? ['api', 'baseline'] : ['baseline', 'api'];
      for (const side of order) {
        const label = `${name} ${side} ${round}/${settings.rounds}`;
        runs[side].push(
          side === 'api'
            ? await api({ app, pids, seconds: settings.seconds, label })
            : await sql({ pids: { postgres: ctx.db.pid }, seconds: settings.seconds, label }),
        );
      }
    }
    const peakMiB = app.peakMiB();
    log(`  [${name}] app peak memory (VmHWM): ${peakMiB} MiB`);
    keep(name, { runs, peakMiB });
    return { api: total(runs.api), baseline: total(runs.baseline), peakMiB };
  } finally {
    await app.stop();
  }
}

function total(runs) {
  const sum = (f) => runs.reduce((a, r) => a + f(r), 0);
  const seconds = sum((r) => r.seconds);
  const avg = (k) => Math.round((sum((r) => r.cpu[k] * r.seconds) / seconds) * 100) / 100;
  return {
    rate: sum((r) => r.records) / seconds,
    p99: Math.max(...runs.map((r) => r.latencyMs?.p99 ?? 0)),
    cpu: {
      app: avg('app'),
      postgres: avg('postgres'),
      bench: avg('bench'),
      idle: avg('idle'),
      iowait: avg('iowait'),
      steal: avg('steal'),
    },
  };
}

/** Drives the app of a run over HTTP at the scenario's concurrency. */
const drive = (ctx, { app, pids, seconds, label, overallRate }, request) =>
  http({ url: app.url, headers, connections: ctx.settings.connections, seconds, label, pids, overallRate, ...request });

/** Runs `work` on node-pg clients of `url` at the scenario's concurrency. */
const sqlDrive = (ctx, url, { pids, seconds, label }, perCall, work) =>
  sqlLoop({ url, connections: ctx.settings.connections, seconds, label, pids, perCall, work });

/** API side of ingest: new ids, then rows and operations written must match what was acknowledged. */
const apiIngest = (ctx, size, url) => async (run) => {
  // after the previous run's (or warm-up's) cut-off requests have landed: on a loaded machine they
  // are still being written when this run starts, and would count as this run's
  const before = await settled(url);
  const r = await drive(ctx, run, {
    path: size === 1 ? '/items' : '/tables/venta/batch',
    authorizations: storeAuthorizations, // BENCH_STORES
    perRequest: size,
    body: size === 1 ? () => itemBody(ids('a', 1)[0]) : () => batchBody(ids('a', size)),
    // a new id must be created: no note (a duplicate), every result COMPLETED, nothing failed
    check:
      size === 1
        ? (t) => t.includes('"status":"success"') && !t.includes('"note"')
        : (t) => t.endsWith('"failed":0}') && count(t, '"status":"COMPLETED"') === size && !t.includes('"note"'),
  });
  checkWritten(run.label, before, await settled(url), r.records, ctx.settings.connections * size);
  return r;
};

/** Counts once requests cut off when the load stopped have landed (the app still answers them), at most 10 s. */
async function settled(url) {
  let last = await baseline.counts(url);
  let still = 0;
  // unchanged for 0.5 s: on a loaded machine a 1,000-record batch can take seconds, so one quiet
  // 100 ms does not mean the cut-off requests have all landed
  for (let i = 0; i < 100 && still < 5; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await baseline.counts(url);
    still = now.rows === last.rows && now.ops === last.ops ? still + 1 : 0;
    last = now;
  }
  return last;
}

const sqlIngest = (ctx, size, url) => async (run) => {
  const before = await baseline.counts(url);
  const r = await sqlDrive(ctx, url, run, size, (client) => baseline.ingestBatch(client, ids('b', size)));
  checkWritten(run.label, before, await baseline.counts(url), r.records, 0);
  return r;
};

/** Rows written equal what was acknowledged (plus requests still in flight when the clock stopped), each with its operation. */
function checkWritten(label, before, after, acknowledged, inFlight) {
  const rows = after.rows - before.rows;
  const ops = after.ops - before.ops;
  if (rows < acknowledged || rows > acknowledged + inFlight || ops !== rows) {
    throw new Error(
      `${label}: ${fmt(acknowledged)} records acknowledged but ${fmt(rows)} rows and ${fmt(ops)} operations written`,
    );
  }
}

async function ingest(ctx, size) {
  const [apiDb, sqlDb] = [
    await ctx.db.createDatabase(`ingest_${size}_api`),
    await ctx.db.createDatabase(`ingest_${size}_sql`),
  ];
  return pair(ctx, `ingest-${size}`, apiDb, apiIngest(ctx, size, apiDb), sqlIngest(ctx, size, sqlDb));
}

/**
 * Single-record ingest of the API against the HTTP floor: a bare Fastify + node-pg server doing
 * the same work (row and operation in one statement) over HTTP with the same load, alternating.
 */
async function httpFloor(ctx) {
  const [apiDb, floorDb] = [await ctx.db.createDatabase('floor_api'), await ctx.db.createDatabase('floor_bare')];
  const floor = await startFloor(floorDb);
  try {
    const bare = apiIngest(ctx, 1, floorDb);
    return await pair(ctx, 'ingest-1-http-floor', apiDb, apiIngest(ctx, 1, apiDb), ({ pids, seconds, label }) =>
      bare({ app: floor, pids: { app: floor.pid, postgres: pids.postgres }, seconds, label }),
    );
  } finally {
    await floor.stop();
  }
}

/** The API at 100 records a request against the document's row-by-row style, alternating. */
async function rowByRow(ctx) {
  const [apiDb, sqlDb] = [await ctx.db.createDatabase('rbr_api'), await ctx.db.createDatabase('rbr_sql')];
  return pair(ctx, 'row-by-row', apiDb, apiIngest(ctx, 100, apiDb), async (run) => {
    const before = await baseline.counts(sqlDb);
    const r = await sqlDrive(ctx, sqlDb, run, 1, (client) => baseline.ingestRowByRow(client, ids('r', 1)[0]));
    checkWritten(run.label, before, await baseline.counts(sqlDb), r.records, 0);
    return r;
  });
}

/** Ingest at 100 a request into tables already holding `prefill` rows (both sides). */
async function growth(ctx, name, prefill) {
  const apiDb = await ctx.db.createDatabase('grown_api');
  log(`  pre-filling venta and sync_operations with ${fmt(prefill)} rows...`);
  const started = Date.now();
  await baseline.prefill(apiDb, 'old', prefill);
  const sqlDb = await ctx.db.cloneDatabase(apiDb, 'grown_sql');
  log(
    `  pre-filled in ${((Date.now() - started) / 1000).toFixed(1)} s (one INSERT ... generate_series each, the copy for the baseline by CREATE DATABASE ... TEMPLATE)`,
  );
  return pair(ctx, name, apiDb, apiIngest(ctx, 100, apiDb), sqlIngest(ctx, 100, sqlDb));
}

/** Ingest at 100 a request into tables holding `stored` records of which 30% are deleted (tombstones). */
async function ingestAmongTombstones(ctx, name, stored) {
  const apiDb = await ctx.db.createDatabase('tomb_ingest_api');
  await baseline.prefill(apiDb, 'old', stored, 0.3);
  const sqlDb = await ctx.db.cloneDatabase(apiDb, 'tomb_ingest_sql');
  return pair(ctx, name, apiDb, apiIngest(ctx, 100, apiDb), sqlIngest(ctx, 100, sqlDb));
}

/**
 * Status of existing records, `size` ids a request, picked at random among `stored`; with
 * `deletedShare`, that share of the stored records is deleted and answers COMPLETED with
 * "Record was deleted" and no data.
 */
async function status(ctx, size, stored, deletedShare = 0) {
  const name = deletedShare ? `status-${size}-deleted-${deletedShare * 100}` : `status-${size}`;
  const dbs = await statusDatabases(ctx, name.replaceAll('-', '_'), stored, deletedShare);
  const pick = (n) => Array.from({ length: n }, () => `s-${1 + Math.floor(Math.random() * stored)}`);
  const api = (run) =>
    drive(ctx, run, {
      path: '/records',
      perRequest: size,
      body: () => statusBody(pick(size)),
      check: (t) =>
        count(t, '"status":"COMPLETED"') === size &&
        count(t, '"data":null') === count(t, '"note":"Record was deleted"') &&
        (deletedShare > 0 || !t.includes('"data":null')),
    });
  const sql = (run) => sqlDrive(ctx, dbs.sql, run, size, (client) => baseline.status(client, pick(size)));
  return pair(ctx, name, dbs.api, api, sql);
}

/**
 * Pages of the change feed (GET /tables/venta/changes?limit=size) from random cursors among
 * `stored` records, each page full, against the same query on node-pg. The cursor is built here
 * the way the app writes it (libs/changes/src/change-cursor.ts: `v1.<xid>.<base64url id>`).
 */
async function pull(ctx, size, stored) {
  const name = `pull-${size}`;
  const dbs = await statusDatabases(ctx, name.replaceAll('-', '_'), stored, 0);
  const { rows } = await query(dbs.api, 'SELECT _xid::text AS xid, _hash_id AS id FROM venta ORDER BY _xid, _hash_id');
  const position = () => rows[Math.floor(Math.random() * (rows.length - size - 1))];
  const cursor = (p) => `v1.${p.xid}.${Buffer.from(p.id, 'utf8').toString('base64url')}`;
  const api = (run) =>
    drive(ctx, run, {
      method: 'GET',
      path: () => `/tables/venta/changes?limit=${size}&since=${cursor(position())}`,
      perRequest: size,
      check: (t) => (t.match(/"deleted" ?: ?false/g) ?? []).length === size && t.endsWith('"has_more":true}'),
    });
  const sql = (run) =>
    sqlDrive(ctx, dbs.sql, run, size, (client) => {
      const p = position();
      return baseline.pull(client, { xid: p.xid, hashId: p.id }, size);
    });
  return pair(ctx, name, dbs.api, api, sql);
}

/** A database of `stored` records for the API and a copy for the baseline. */
async function statusDatabases(ctx, name, stored, deletedShare) {
  const api = await ctx.db.createDatabase(`${name}_api`);
  await baseline.prefill(api, 's', stored, deletedShare);
  if (ctx.db.canClone === false) {
    // Citus: a database's shards live on the workers, so no copy; the baseline's is filled alike.
    const sql = await ctx.db.createDatabase(`${name}_sql`);
    await baseline.prefill(sql, 's', stored, deletedShare);
    return { api, sql };
  }
  return { api, sql: await ctx.db.cloneDatabase(api, `${name}_sql`) };
}

module.exports = {
  pair,
  apiIngest,
  ingest,
  httpFloor,
  rowByRow,
  growth,
  status,
  pull,
  ingestAmongTombstones,
};

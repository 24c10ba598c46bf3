#!/usr/bin/env node
// npm run bench [-- --quick]: the API against a raw-SQL baseline measured in the same run.
// See bench/results.md for the last full run and README "Benchmarks".
const { startDatabaseServer, startApp, query } = require('./lib/infra');
const s = require('./lib/scenarios');
const { drain } = require('./lib/drain');
const { write, fmt } = require('./lib/report');

const quick = process.argv.includes('--quick');
// API and baseline are measured in alternating rounds so that a slow moment of a shared machine
// hits both sides; rates are the mean of the rounds.
const settings = { quick, connections: 8, seconds: quick ? 3 : 5, rounds: quick ? 1 : 3, poolSize: 10 };

/** Starts the app on `apiDb`, warms it up, then alternates api(app) and baseline() for settings.rounds rounds. */
async function alternate(apiDb, api, baseline) {
  const app = await startApp(apiDb);
  try {
    await api(app, 1); // warm-up, not measured: a cold process is still compiling its hot paths
    let apiRate = 0, baseRate = 0, peakMiB = 0;
    for (let round = 0; round < settings.rounds; round++) {
      const a = await api(app);
      apiRate += a.rate / settings.rounds;
      peakMiB = Math.max(peakMiB, a.peakMiB);
      baseRate += (await baseline()).rate / settings.rounds;
    }
    return { api: apiRate, baseline: baseRate, peakMiB };
  } finally {
    await app.stop();
  }
}
const results = [];

function report(result) {
  results.push(result);
  const ratio = Number.isFinite(result.ratio) ? result.ratio.toFixed(2) : 'n/a';
  const tail = result.peakMiB ? ` app_peak_mem=${result.peakMiB}MiB` : '';
  const extra = result.extra ?? '';
  console.log(`RESULT ${result.name} api=${fmt(result.api)} ${result.baselineKey ?? 'baseline'}=${fmt(result.baseline)} ratio=${ratio}${extra}${tail}`);
}

async function main() {
  const started = new Date();
  console.log(`resync benchmark (${quick ? 'quick' : 'full'}): ${settings.connections} connections, ${settings.rounds} round(s) of ${settings.seconds} s per side`);
  const db = await startDatabaseServer();
  try {
    for (const size of [1, 100, 1000]) {
      console.log(`- ingest, ${size} record(s) per request`);
      const [apiDb, sqlDb] = [await db.createDatabase(`ingest_api_${size}`), await db.createDatabase(`ingest_sql_${size}`)];
      const m = await alternate(apiDb, (app, seconds = settings.seconds) => s.apiIngest({ ...settings, seconds }, app, apiDb, size, `ingest-${size} api`), () => s.sqlIngest(settings, sqlDb, size, `ingest-${size} baseline`));
      const target = size >= 100 ? 0.5 : undefined;
      report({ name: `ingest-${size}`, api: m.api, baseline: m.baseline, ratio: m.api / m.baseline, peakMiB: m.peakMiB, target: target ? '≥ 0.5' : undefined, met: target ? m.api / m.baseline >= target : undefined });
    }

    console.log('- row-by-row (the product document style) against the API at 100 per request');
    const rbr = await s.rowByRow(settings, await db.createDatabase('row_by_row'), 'row-by-row');
    const api100 = results.find((r) => r.name === 'ingest-100').api;
    report({ name: 'row-by-row', api: api100, baseline: rbr.rate, baselineLabel: 'row-by-row', ratio: api100 / rbr.rate, target: '≥ 10', met: api100 / rbr.rate >= 10 });
    const api1000 = results.find((r) => r.name === 'ingest-1000').api;
    report({ name: 'row-by-row-vs-ingest-1000', api: api1000, baseline: rbr.rate, baselineLabel: 'row-by-row', ratio: api1000 / rbr.rate, target: '≥ 10', met: api1000 / rbr.rate >= 10 });
    const raw100 = results.find((r) => r.name === 'ingest-100').baseline;
    console.log(`  (for scale: the raw-SQL baseline at 100 per request is ${(raw100 / rbr.rate).toFixed(1)}x row-by-row)`);

    const seeded = quick ? 50_000 : 200_000;
    const statusDb = await db.createDatabase('status');
    await s.seedForStatus(statusDb, seeded);
    for (const size of [1, 1000]) {
      console.log(`- status, ${size} id(s) per request (${fmt(seeded)} records stored)`);
      const m = await alternate(statusDb, (app, seconds = settings.seconds) => s.apiStatus({ ...settings, seconds }, app, size, seeded, `status-${size} api`), () => s.sqlStatus(settings, statusDb, size, seeded, `status-${size} baseline`));
      const target = size === 1000 ? 0.5 : undefined;
      report({ name: `status-${size}`, api: m.api, baseline: m.baseline, ratio: m.api / m.baseline, peakMiB: m.peakMiB, target: target ? '≥ 0.5' : undefined, met: target ? m.api / m.baseline >= target : undefined });
    }

    const prefill = quick ? 200_000 : 1_000_000;
    console.log(`- ingest at 100 per request with ${fmt(prefill)} rows already stored`);
    const grown = await db.createDatabase('grown');
    await query(grown, `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT 'MTY_001', 'old-' || g, 1, '{"total":125.5,"currency":"MXN"}' FROM generate_series(1, $1) g`, [prefill]);
    await query(grown, `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status) SELECT 'venta', 'old-' || g, 'MTY_001', 1, 'CREATE', 'COMPLETED' FROM generate_series(1, $1) g`, [prefill]);
    await query(grown, 'VACUUM ANALYZE');
    const grownApp = await startApp(grown);
    const big = await s.apiIngest(settings, grownApp, grown, 100, 'ingest-100 grown api').finally(() => grownApp.stop());
    report({ name: `ingest-100-with-${prefill / 1000}k-rows`, api: big.rate, baseline: api100, baselineKey: 'empty_table', baselineLabel: 'empty table', ratio: big.rate / api100, peakMiB: big.peakMiB });

    console.log('- retry drain: 10,000 due sync failures against a local endpoint');
    try {
      const d = await drain(settings, await db.createDatabase('drain'), 10_000, 64);
      report({ name: 'drain', api: d.rate, baseline: d.endpointMax, baselineKey: 'endpoint_max', baselineLabel: 'endpoint max', ratio: d.rate / d.endpointMax, peakMiB: d.peakMiB, target: '≥ 500/s', met: d.rate >= 500, extra: ` duplicates=${d.duplicates}` });
    } catch (error) {
      console.log(`RESULT drain skipped: ${error.message}`);
    }
  } finally {
    await db.stop();
  }
  write({ results, settings, postgres: db.version, started });
  console.log(`Wrote bench/results.md and bench/throughput.svg (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

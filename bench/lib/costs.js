// What a setting costs on the hot path: the API at 100 records a request with the default against
// a second instance of the same build with the setting off, alternating, each on its own database.
const { startApp, ADMIN_TOKEN } = require('./app');
const { pair, apiIngest, apiStatus, statusDatabases } = require('./scenarios');

async function againstSettingOff(ctx, name, offEnv, onSide = (ingest) => ingest) {
  const [onDb, offDb] = [await ctx.db.createDatabase(`${name}_on`), await ctx.db.createDatabase(`${name}_off`)];
  const off = await startApp(offDb, `${name}-off`, offEnv);
  try {
    const offIngest = apiIngest(ctx, 100, offDb);
    const offSide = ({ seconds, label }) =>
      offIngest({ app: off, pids: { app: off.pid, postgres: ctx.db.pid }, seconds, label });
    await offSide({ seconds: ctx.settings.warmup, label: `${name} off warm-up` });
    return await pair(ctx, name, onDb, onSide(apiIngest(ctx, 100, onDb)), offSide);
  } finally {
    await off.stop();
  }
}

/** Keeping payloads (AUDIT_PAYLOADS, on by default) against keeping none. */
const auditCost = (ctx) => againstSettingOff(ctx, 'audit-cost', { AUDIT_PAYLOADS: 'false' });

/**
 * Metrics on (the default, scraped every BENCH_SCRAPE_MS, 15 s like deploy/prometheus by default)
 * against METRICS_ENABLED=false. BENCH_AA=1 leaves metrics on in both: an A/A control, how far the
 * two sides differ anyway.
 */
const SCRAPE_MS = Number(process.env.BENCH_SCRAPE_MS ?? 15_000);
async function metricsCost(ctx) {
  let scraper;
  const scraped = (ingest) => (run) => {
    scraper ??= setInterval(
      () =>
        fetch(`${run.app.url}/metrics`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }).then(
          (r) => r.text(),
          () => undefined,
        ),
      SCRAPE_MS,
    );
    return ingest(run);
  };
  try {
    return await againstSettingOff(
      ctx,
      'metrics-cost',
      { METRICS_ENABLED: process.env.BENCH_AA ? 'true' : 'false' },
      scraped,
    );
  } finally {
    clearInterval(scraper);
  }
}

/**
 * Client keys from the database (docs/credentials.md: a cached lookup by the key's hash) against the
 * API_KEYS key, on `ingest-1` or `status-1`: two instances of the same build, alternating, each on
 * its own database (status: the same stored records in both).
 */
async function keysCost(ctx, kind, stored) {
  const name = `keys-cost-${kind}`;
  const table = name.replaceAll('-', '_');
  const [keysDb, envDb] =
    kind === 'status-1'
      ? Object.values(await statusDatabases(ctx, table, stored, 0))
      : [await ctx.db.createDatabase(`${table}_db`), await ctx.db.createDatabase(`${table}_env`)];
  const side = (url) => (kind === 'status-1' ? apiStatus(ctx, 1, stored) : apiIngest(ctx, 1, url));
  const envApp = await startApp(envDb, `${name}-api-keys`, {}, undefined, { databaseKey: false });
  try {
    const envSide = side(envDb);
    const envRun = ({ seconds, label }) =>
      envSide({ app: envApp, pids: { app: envApp.pid, postgres: ctx.db.pid }, seconds, label });
    await envRun({ seconds: ctx.settings.warmup, label: `${name} API_KEYS warm-up` });
    return await pair(ctx, name, keysDb, side(keysDb), envRun, {}, { databaseKey: true });
  } finally {
    await envApp.stop();
  }
}

module.exports = { auditCost, metricsCost, keysCost };

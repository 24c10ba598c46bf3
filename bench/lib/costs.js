// What a setting costs on the hot path: the API at 100 records a request with the default against
// a second instance of the same build with the setting off, alternating, each on its own database.
const { startApp, ADMIN_TOKEN } = require('./app');
const { pair, apiIngest } = require('./scenarios');

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

module.exports = { auditCost, metricsCost };

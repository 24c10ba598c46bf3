// External delivery keeping pace with ingest (docs/external-sync.md), against ingest-1000 of the
// same run: a seeded outbox drained in batch mode, ingest-1000 with deliveries running against the
// same app with external sync off, and ingest held at ingest-1000's rate for a while with delivery
// on, ending with the outbox depth. With ingest running, apps/worker delivers (its own process and
// database pool, as deployed at volume); a first run with the API delivering itself delivered only
// ~1,300 changes/s while ingesting 5,000/s (its dispatcher shares the API's pool of 10 with 8
// ingest connections). Deliveries go to the drain's endpoint in this process, which answers a
// plain 200 (every message delivered) and counts keys.
const { startApp, WORKER_MAIN } = require('./app');
const { CLIENT } = require('./baseline');
const { meter, describeCpu } = require('./cpu');
const { startEndpoint } = require('./drain');
const { log, keep, fmt } = require('./log');
const { query } = require('./postgres');
const { DATA } = require('./records');
const s = require('./scenarios');

const PER_REQUEST = 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The app settings of batch-mode delivery at the bench's concurrency. */
const deliveryEnv = (ctx, endpoint) => ({
  RUN_JOBS: 'true',
  EXTERNAL_SYNC_URL: `${endpoint.url}/events`,
  EXTERNAL_SYNC_BATCH_SIZE: String(PER_REQUEST),
  SYNC_RETRY_CONCURRENCY: String(ctx.settings.connections),
  SYNC_DISPATCH_INTERVAL: '100ms',
});

const depth = async (url) => (await query(url, 'SELECT count(*)::int AS n FROM sync_outbox')).rows[0].n;

/** `count` outbox entries of `count` records, as ingest writes them. */
async function seedOutbox(url, count) {
  await query(
    url,
    `INSERT INTO sync_outbox (operation_id, table_name, client_id, record_id, action, payload)
     SELECT g, 'venta', $1, 'o-' || g, 'CREATE', ('{"_hash_id":"o-' || g || '","_ver":1,' || substr($2, 2))::json
     FROM generate_series(1, $3::int) g`,
    [CLIENT, DATA, count],
  );
}

/** A seeded outbox of `count` changes drained in batch mode (100 a request): changes delivered per second. */
async function deliverBatched(ctx, count, ingestRate) {
  const url = await ctx.db.createDatabase('deliver_batched');
  await seedOutbox(url, count);
  const endpoint = await startEndpoint();
  try {
    const env = deliveryEnv(ctx, endpoint);
    log(`  app: ${describe(env)}; ${fmt(count)} outbox entries`);
    const app = await startApp(url, 'deliver-batched', env);
    try {
      const cpu = meter({ app: app.pid, postgres: ctx.db.pid });
      const started = Date.now();
      let left = count;
      while (left > 0) {
        await sleep(100);
        left = await depth(url);
        if (Date.now() - started > 120_000) throw new Error(`deliver-batched: ${fmt(left)} entries left after 120 s`);
      }
      const seconds = (Date.now() - endpoint.state.firstAt) / 1000;
      const used = cpu.stop();
      const { received, keys, requests } = endpoint.state;
      if (keys.size < count)
        throw new Error(`the outbox is empty but only ${fmt(keys.size)} of ${fmt(count)} keys arrived`);
      const rate = count / seconds;
      log(
        `  [deliver-batched] ${fmt(count)} changes in ${fmt(requests)} requests, ${seconds.toFixed(1)} s: ${fmt(rate)}/s (${received - keys.size} duplicates); ${describeCpu(used)}`,
      );
      const result = { rate, seconds, requests, duplicates: received - keys.size, cpu: used };
      keep('deliver-batched', { ...result, env });
      return {
        api: { rate, cpu: used },
        baseline: { rate: ingestRate },
        peakMiB: app.peakMiB(),
        notes: [
          `${fmt(count)} changes in ${fmt(requests)} requests in ${seconds.toFixed(1)} s, ${result.duplicates} duplicate deliveries`,
        ],
      };
    } finally {
      await app.stop();
    }
  } finally {
    await endpoint.close();
  }
}

/**
 * ingest-1000 on an app delivering in batch mode meanwhile (API side) against the same load on an
 * app with external sync off (compared side), alternating rounds as every pair does.
 */
async function ingestWithOutbox(ctx) {
  const [onDb, offDb] = [await ctx.db.createDatabase('outbox_on'), await ctx.db.createDatabase('outbox_off')];
  const endpoint = await startEndpoint();
  const off = await startApp(offDb, 'ingest-1000-sync-off');
  const env = deliveryEnv(ctx, endpoint);
  const worker = await startWorker(onDb, 'ingest-1000-with-outbox-worker', env);
  try {
    const other = s.apiIngest(ctx, 1000, offDb);
    const m = await s.pair(
      ctx,
      'ingest-1000-with-outbox',
      onDb,
      s.apiIngest(ctx, 1000, onDb),
      (run) =>
        other({
          app: off,
          pids: { app: off.pid, postgres: run.pids.postgres },
          seconds: run.seconds,
          label: run.label,
        }),
      { EXTERNAL_SYNC_URL: env.EXTERNAL_SYNC_URL },
    );
    const left = await depth(onDb);
    m.notes = [
      `external sync on (the API writes the outbox, apps/worker delivers): ${fmt(endpoint.state.received)} changes delivered during the runs, ${fmt(left)} left in the outbox at the end`,
    ];
    return m;
  } finally {
    await worker.stop();
    await off.stop();
    await endpoint.close();
  }
}

/** apps/worker delivering with `env` (its own database pool, as the docs recommend at volume). */
async function startWorker(url, label, env) {
  log(`  worker (apps/worker): ${describe(env)}`);
  return startApp(url, label, env, WORKER_MAIN);
}

/**
 * Ingest at `rate` records/s (batches of 1,000) for `seconds` with batch-mode delivery on; the
 * outbox depth when the load stops must be below one second's worth of ingest.
 */
async function sustained(ctx, rate, seconds) {
  const url = await ctx.db.createDatabase('sustained');
  const endpoint = await startEndpoint();
  try {
    const env = deliveryEnv(ctx, endpoint);
    log(`  ingest held at ${fmt(rate)} records/s for ${seconds} s; the API writes the outbox, apps/worker delivers`);
    const worker = await startWorker(url, 'sustained-worker', env);
    const app = await startApp(url, 'sustained', { EXTERNAL_SYNC_URL: env.EXTERNAL_SYNC_URL }).catch(async (error) => {
      await worker.stop();
      throw error;
    });
    try {
      const depths = [];
      const sampler = setInterval(async () => depths.push(await depth(url).catch(() => NaN)), 5_000);
      const r = await s
        .apiIngest(
          ctx,
          1000,
          url,
        )({
          app,
          pids: { app: app.pid, postgres: ctx.db.pid },
          seconds,
          label: `sustained ${seconds}s`,
          overallRate: rate / 1000,
        })
        .finally(() => clearInterval(sampler));
      const end = await depth(url);
      log(
        `  [sustained] ingested ${fmt(r.rate)} records/s; outbox depth every 5 s: ${depths.map(fmt).join(', ')}; at the end ${fmt(end)} (${(end / rate).toFixed(2)} s of ingest)`,
      );
      keep('sustained', { ingest: r, depths, end, env });
      return {
        api: { rate: r.rate, cpu: r.cpu, p99: r.latencyMs.p99 },
        baseline: { rate },
        peakMiB: app.peakMiB(),
        extra: { depthEnd: end },
        notes: [
          `outbox depth at the end ${fmt(end)} = ${(end / rate).toFixed(2)} s of ingest (every 5 s: ${depths.map(fmt).join(', ')}); ${fmt(endpoint.state.received)} changes delivered`,
        ],
      };
    } finally {
      await app.stop();
      await worker.stop();
    }
  } finally {
    await endpoint.close();
  }
}

const describe = (env) =>
  Object.entries(env)
    .map(([k, v]) => `${k}=${k === 'EXTERNAL_SYNC_URL' ? '<bench endpoint>' : v}`)
    .join(' ');

module.exports = { deliverBatched, ingestWithOutbox, sustained };

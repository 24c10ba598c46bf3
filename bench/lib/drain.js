// Retry drain: `count` due sync_failures rows (one venta row each, so each retry reads a current
// row), the app's retry job every second, delivering to a fake endpoint in this process that
// answers 200 at once. Rate = rows deleted per second from the first delivery to an empty table.
// The sync-failures feature may be unfinished: anything that shows it missing is a Skip.
const { createServer } = require('node:http');
const { startApp } = require('./app');
const { CLIENT } = require('./baseline');
const { meter, describeCpu } = require('./cpu');
const { http } = require('./load');
const { log, keep, fmt } = require('./log');
const { query } = require('./postgres');
const { DATA } = require('./records');

class Skip extends Error {}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * POST /max answers autocannon (the endpoint's own maximum); POST /events counts the app's
 * deliveries by key: the Idempotency-Key header of a single change, or each `idempotency_key` of a
 * batch (a JSON array, EXTERNAL_SYNC_BATCH_SIZE > 1), answered with a plain 200 (all delivered).
 */
function startEndpoint() {
  const keys = new Set();
  const state = { received: 0, requests: 0, firstAt: undefined, keys };
  const answer = (response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  const server = createServer((request, response) => {
    const key = request.headers['idempotency-key'];
    if (request.url !== '/events' || key !== undefined) {
      request.resume();
      request.on('end', () => {
        if (request.url === '/events') {
          state.received++;
          state.requests++;
          state.firstAt ??= Date.now();
          keys.add(key);
        }
        answer(response);
      });
      return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      state.requests++;
      state.firstAt ??= Date.now();
      for (const message of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
        state.received++;
        keys.add(message.idempotency_key);
      }
      answer(response);
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        state,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(r);
          }),
      }),
    ),
  );
}

async function seed(url, count) {
  try {
    await query(
      url,
      `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT $1, 'd-' || g, 1, $2::jsonb FROM generate_series(1, $3::int) g`,
      [CLIENT, DATA, count],
    );
    await query(
      url,
      `INSERT INTO sync_failures (id, entity_type, entity_id, action, error, payload, retry_count, created_at, updated_at, client_id, table_name, record_id, next_retry_at)
       SELECT 'bench-' || g, 'SALE', $1 || ':d-' || g, 'CREATE', 'HTTP 503: Service Unavailable', $2, 0,
              now() - interval '10 minutes', now(), $1, 'venta', 'd-' || g, now() - interval '1 minute'
       FROM generate_series(1, $3::int) g`,
      [CLIENT, DATA, count],
    );
  } catch (error) {
    throw new Skip(`cannot seed sync_failures (${error.message})`);
  }
}

const left = async (url) => (await query(url, 'SELECT count(*)::int AS n FROM sync_failures')).rows[0].n;

async function drain(ctx, url, count) {
  const { connections, quick } = ctx.settings;
  const endpoint = await startEndpoint();
  const result = { endpointMax: NaN };
  try {
    const max = await http({
      url: endpoint.url,
      path: '/max',
      body: () => '{"entity_type":"SALE"}',
      perRequest: 1,
      connections,
      seconds: ctx.settings.seconds,
      label: 'drain endpoint max',
      pids: {},
    });
    result.endpointMax = max.rate;
    await seed(url, count);
    const env = {
      RUN_JOBS: 'true',
      EXTERNAL_SYNC_URL: `${endpoint.url}/events`,
      SYNC_RETRY_CRON: '* * * * * *',
      SYNC_RETRY_CONCURRENCY: String(connections),
      SYNC_RETRY_BATCH_SIZE: '500',
    };
    log(
      `  app: ${Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    const app = await startApp(url, 'drain', env).catch((error) => {
      throw new Skip(
        `the app does not start with the retry settings: ${error.message.split('\n').slice(0, 4).join(' ')}`,
      );
    });
    try {
      const cpu = meter({ app: app.pid, postgres: ctx.db.pid });
      const started = Date.now();
      const deadline = started + (quick ? 60_000 : 120_000);
      let remaining = count;
      let lastChange = started;
      let lastLog = started;
      while (remaining > 0) {
        await sleep(100);
        const now = await left(url);
        if (now !== remaining) lastChange = Date.now();
        remaining = now;
        if (Date.now() - lastLog >= 1000) {
          lastLog = Date.now();
          log(
            `  [drain] ${((lastLog - started) / 1000).toFixed(0)}s: ${fmt(count - remaining)}/${fmt(count)} deleted, ${fmt(endpoint.state.received)} deliveries received`,
          );
        }
        if (remaining === count && Date.now() - started > 20_000)
          throw new Skip(
            `no sync_failures row deleted within 20 s of start-up (${fmt(endpoint.state.received)} deliveries received; is the retry job running? see ${app.logFile})`,
          );
        if (Date.now() - lastChange > 20_000)
          throw new Error(`drain stalled with ${fmt(remaining)} rows left (see ${app.logFile})`);
        if (Date.now() > deadline)
          throw new Error(`drain: ${fmt(remaining)} rows left after ${(deadline - started) / 1000} s`);
      }
      const emptyAt = Date.now();
      const used = cpu.stop();
      const delivered = endpoint.state.keys.size;
      if (delivered < count)
        throw new Error(
          `sync_failures is empty but the endpoint received only ${fmt(delivered)} distinct deliveries of ${fmt(count)}`,
        );
      Object.assign(result, {
        rate: count / ((emptyAt - endpoint.state.firstAt) / 1000),
        duplicates: endpoint.state.received - delivered,
        peakMiB: app.peakMiB(),
        cpu: used,
        seconds: (emptyAt - endpoint.state.firstAt) / 1000,
      });
      log(
        `  [drain] ${fmt(count)} rows delivered and deleted in ${result.seconds.toFixed(1)} s (${result.duplicates} duplicate deliveries); ${describeCpu(used)}`,
      );
      log(`  [drain] app peak memory (VmHWM): ${result.peakMiB} MiB`);
      keep('drain', { ...result, endpoint: max, env });
      return result;
    } finally {
      await app.stop();
    }
  } catch (error) {
    error.endpointMax = result.endpointMax;
    throw error;
  } finally {
    await endpoint.close();
  }
}

module.exports = { drain, Skip, startEndpoint };

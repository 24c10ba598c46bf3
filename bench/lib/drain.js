// Retry drain: 10,000 due sync_failures rows against a local endpoint that answers 200 at once.
const { createServer } = require('node:http');
const { query, startApp } = require('./infra');
const { http } = require('./load');

function startEndpoint() {
  return new Promise((resolve) => {
    let received = 0;
    let firstAt;
    let keys = new Set();
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const key = request.headers['idempotency-key'];
        if (key === undefined) return response.writeHead(200).end('{}'); // the endpoint-max run
        received++;
        keys.add(key);
        firstAt ??= Date.now();
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    server.keepAliveTimeout = 30_000;
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/events`,
        received: () => received,
        distinct: () => keys.size,
        firstAt: () => firstAt,
        close: () => new Promise((r) => server.close(r)),
      }),
    );
  });
}

async function seedFailures(url, count) {
  await query(url, `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT 'MTY_001', 'd-' || g, 1, '{"total":1}' FROM generate_series(1, $1) g`, [count]);
  await query(
    url,
    `INSERT INTO sync_failures (id, entity_type, entity_id, action, error, payload, retry_count, created_at, updated_at, client_id, table_name, record_id, next_retry_at)
     SELECT 'bench-' || g, 'SALE', 'MTY_001:d-' || g, 'CREATE', 'HTTP 500: Internal Server Error', '{}', 0,
            now() AT TIME ZONE 'UTC' - interval '10 minutes', now() AT TIME ZONE 'UTC', 'MTY_001', 'venta', 'd-' || g, now() AT TIME ZONE 'UTC' - interval '1 minute'
     FROM generate_series(1, $1) g`,
    [count],
  );
}

/** The endpoint's own maximum: autocannon straight at it, at the retry job's concurrency. */
async function endpointMax(ctx, endpoint, concurrency) {
  const r = await http({ url: endpoint.url, path: '', body: () => '{"entity_type":"SALE"}', connections: concurrency, seconds: Math.max(2, Math.round(ctx.seconds / 2)), label: 'drain endpoint max' });
  return r.requests / r.seconds;
}

async function drain(ctx, url, count, concurrency) {
  const endpoint = await startEndpoint();
  try {
    const max = await endpointMax(ctx, endpoint, concurrency);
    await seedFailures(url, count);
    const app = await startApp(url, {
      RUN_JOBS: 'true',
      EXTERNAL_SYNC_URL: endpoint.url,
      SYNC_RETRY_CRON: '* * * * * *',
      SYNC_RETRY_CONCURRENCY: String(concurrency),
      SYNC_RETRY_BATCH_SIZE: '1000',
    });
    try {
      const deadline = Date.now() + 180_000;
      let left = count;
      while (left > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        left = (await query(url, 'SELECT count(*)::int AS n FROM sync_failures')).rows[0].n;
        process.stdout.write(`  drain: ${count - left}/${count} delivered      \r`);
      }
      if (left > 0) throw new Error(`drain: ${left} failures left after 180 s`);
      const delivered = endpoint.distinct();
      if (delivered < count) throw new Error(`drain: table empty but the endpoint received ${delivered} of ${count}`);
      const seconds = (Date.now() - endpoint.firstAt()) / 1000;
      return { rate: count / seconds, endpointMax: max, peakMiB: app.peakMemoryMiB(), duplicates: endpoint.received() - delivered };
    } finally {
      await app.stop();
    }
  } finally {
    await endpoint.close();
  }
}

module.exports = { drain };

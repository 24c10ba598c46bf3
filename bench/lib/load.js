// Load generators: autocannon against the API, and a pool of node-pg workers for the baselines.
// Both run for a fixed time at the same concurrency and are bounded in time.
const autocannon = require('autocannon');
const { Pool } = require('pg');

/** Drives an endpoint; `body()` makes each request's body. Fails loudly on any non-2xx answer. */
function http({ url, path, method = 'POST', headers = {}, body, connections, seconds, label }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url + path,
        method,
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', ...headers },
        requests: body ? [{ setupRequest: (request) => ({ ...request, body: body() }) }] : undefined,
      },
      (error, result) => {
        clearInterval(progress);
        if (error) return reject(error);
        if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${label}: ${result.non2xx} non-2xx answers and ${result.errors} errors`));
        resolve({ requests: result.requests.total, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99 });
      },
    );
    let counted = 0;
    let last = 0;
    instance.on('response', () => counted++);
    const progress = setInterval(() => {
      process.stdout.write(`  ${label}: ${counted - last} req/s      \r`);
      last = counted;
    }, 1000);
  });
}

/** Runs `work(client)` in a loop on `connections` clients for `seconds`; returns how many calls completed. */
async function sqlLoop({ url, connections, seconds, label, work }) {
  const pool = new Pool({ connectionString: url, max: connections });
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  let last = 0;
  const progress = setInterval(() => {
    process.stdout.write(`  ${label}: ${done - last} calls/s\r`);
    last = done;
  }, 1000);
  const started = Date.now();
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < deadline) {
            await work(client);
            done++;
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    clearInterval(progress);
    await pool.end();
  }
  return { calls: done, seconds: (Date.now() - started) / 1000 };
}

module.exports = { http, sqlLoop };

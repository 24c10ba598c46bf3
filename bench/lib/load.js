// Load generators, both bounded in time and in count, both printing a line a second:
// autocannon against the API, and `connections` node-pg clients in a loop for the baselines.
const autocannon = require('autocannon');
const { Pool } = require('pg');
const { meter, describeCpu } = require('./cpu');
const { log, fmt } = require('./log');

const MAX_PER_SECOND = 50_000; // count bound: far above any rate seen here

function ticker(label, perCall, count) {
  let last = 0;
  let second = 0;
  return setInterval(() => {
    const now = count();
    second++;
    log(`  [${label}] ${second}s: ${fmt(now - last)} calls/s, ${fmt((now - last) * perCall)} records/s`);
    last = now;
  }, 1000);
}

/**
 * Drives `path` for `seconds` at `connections`; `body()` makes each request's body and
 * `check(body)` tells whether an answer is right; `overallRate` caps requests per second;
 * `authorizations` (several stores' Authorization headers) are taken in turn, a request each. Any
 * non-2xx, error, timeout or wrong answer fails the measurement.
 */
function http({
  url,
  path,
  method = 'POST',
  headers,
  authorizations = [],
  body,
  check,
  perRequest,
  connections,
  seconds,
  label,
  pids,
  overallRate,
}) {
  return new Promise((resolve, reject) => {
    let answered = 0;
    let sent = 0;
    let wrong = 0;
    let firstWrong;
    const cpu = meter(pids);
    const instance = autocannon(
      {
        url: url + (typeof path === 'function' ? path() : path),
        method,
        connections,
        duration: seconds,
        ...(overallRate ? { overallRate } : {}), // requests/s in all (the sustained delivery scenario)
        maxOverallRequests: Math.max(connections, seconds * MAX_PER_SECOND),
        timeout: 30,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            // `path` may be a function: a new path (a GET's query) for each request.
            setupRequest: (request) => ({
              ...request,
              ...(typeof path === 'function' ? { path: path() } : {}),
              ...(body ? { body: body() } : {}),
              ...(authorizations.length > 0
                ? { headers: { ...request.headers, authorization: authorizations[sent++ % authorizations.length] } }
                : {}),
            }),
            onResponse: (status, text) => {
              answered++;
              if (status < 300 && check && !check(text)) {
                wrong++;
                firstWrong ??= text.slice(0, 300);
              }
            },
          },
        ],
      },
      (error, result) => {
        clearInterval(progress);
        const used = cpu.stop();
        if (error) return reject(error);
        const failed = result.non2xx + result.errors + result.timeouts;
        if (failed > 0 || wrong > 0) {
          const codes = Object.entries(result.statusCodeStats ?? {})
            .map(([code, s]) => `${code}×${s.count}`)
            .join(' ');
          return reject(
            new Error(
              `${label}: ${result.non2xx} non-2xx (${codes}), ${result.errors} errors, ${result.timeouts} timeouts, ${wrong} wrong answers${firstWrong ? `, e.g. ${firstWrong}` : ''}`,
            ),
          );
        }
        const out = {
          requests: result.requests.total,
          seconds: result.duration,
          records: result.requests.total * perRequest,
          latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          cpu: used,
        };
        out.rate = out.records / out.seconds;
        log(
          `  [${label}] ${fmt(out.rate)} records/s over ${out.seconds.toFixed(1)} s, p50 ${out.latencyMs.p50} ms, p99 ${out.latencyMs.p99} ms; ${describeCpu(used)}`,
        );
        resolve(out);
      },
    );
    instance.on('error', reject);
    const progress = ticker(label, perRequest, () => answered);
  });
}

/** Runs `work(client)` on `connections` clients until `seconds` pass; each call handles `perCall` records. */
async function sqlLoop({ url, connections, seconds, label, work, perCall, pids }) {
  const pool = new Pool({ connectionString: url, max: connections });
  pool.on('error', () => undefined); // an idle client told of a shutdown after the loop ended; work errors reject their queries
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  const maxCalls = seconds * MAX_PER_SECOND;
  let calls = 0;
  const progress = ticker(label, perCall, () => calls);
  const cpu = meter(pids);
  const started = Date.now();
  const deadline = started + seconds * 1000;
  let used;
  let ended;
  let failure;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (!failure && Date.now() < deadline && calls < maxCalls) {
          await work(client).then(
            () => calls++,
            (error) => (failure ??= error),
          );
        }
      }),
    );
    if (failure) throw new Error(`${label}: ${failure.message}`);
    ended = Date.now();
    used = cpu.stop(); // while the backends live: an exited, not yet reaped one shows no CPU
  } finally {
    clearInterval(progress);
    clients.forEach((c) => c.release());
    await pool.end();
  }
  const out = { calls, seconds: (ended - started) / 1000, records: calls * perCall, cpu: used };
  out.rate = out.records / out.seconds;
  log(`  [${label}] ${fmt(out.rate)} records/s over ${out.seconds.toFixed(1)} s; ${describeCpu(used)}`);
  return out;
}

module.exports = { http, sqlLoop };

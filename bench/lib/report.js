// bench/results.md (machine, settings, results against targets) and bench/throughput.svg.
const { writeFileSync } = require('node:fs');
const { cpus, totalmem } = require('node:os');
const { join } = require('node:path');
const { svgChart } = require('./chart');
const { OUT, fmt, ratio } = require('./log');

const cpuText = (c) => (c ? [c.app, c.postgres, c.bench, c.idle, c.steal].map((v) => v.toFixed(2)).join(' / ') : '—');

function row(r) {
  const api = r.status === 'ok' ? fmt(r.api) : r.status;
  const against = `${r.against} ${fmt(r.baseline)}`;
  const met = r.target ? (r.status !== 'ok' ? '—' : r.met ? 'met' : '**not met**') : '';
  const notes = [...(r.notes ?? []), r.reason].filter(Boolean).join('; ');
  return `| ${r.name} | ${api} | ${against} | ${r.status === 'ok' ? ratio(r.ratio) : '—'} | ${r.target ?? '—'} | ${met} | ${r.peakMiB ?? '—'} | ${cpuText(r.cpu)} | ${notes} |`;
}

function write({ results, settings, postgres, started, finished }) {
  const point = (name, size) => {
    const r = results.find((x) => x.name === name && x.status === 'ok');
    return r && { size, api: r.api, baseline: r.baseline };
  };
  const series = [
    {
      name: 'ingest',
      points: [point('ingest-1', 1), point('ingest-100', 100), point('ingest-1000', 1000)].filter(Boolean),
    },
    { name: 'status', dashed: true, points: [point('status-1', 1), point('status-1000', 1000)].filter(Boolean) },
  ].filter((s) => s.points.length > 0);
  const chart = series.length > 0;
  // A run on another server (DATABASE_URL) leaves the committed report, the embedded server's, alone.
  const dir = process.env.DATABASE_URL ? OUT : join(__dirname, '..');
  if (chart) writeFileSync(join(dir, 'throughput.svg'), svgChart(series));

  const cpu = cpus();
  const md = `# Benchmark results

Measured ${started.toISOString()} (${Math.round((finished - started) / 1000)} s) by \`npm run bench${settings.quick ? ' -- --quick' : ''}\` (${settings.quick ? 'quick' : 'full'} run).

- **Machine:** ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, PostgreSQL ${postgres.version} (${postgres.where}; fsync=${postgres.fsync}, synchronous_commit=${postgres.synchronous_commit}, shared_buffers=${postgres.shared_buffers}). App, PostgreSQL and load generator share these CPUs.
- **Settings:** concurrency ${settings.connections} for both sides (autocannon connections against the API, node-pg clients for the baseline); after a ${settings.warmup} s warm-up, ${settings.rounds} round(s) of ${settings.seconds} s per side in alternating order; the app in production mode (NODE_ENV=production, DATABASE_POOL_SIZE=${settings.poolSize}, LOG_LEVEL=warn, RUN_JOBS=false except in the delivery scenarios); a fresh database per scenario and per side.
- **Work:** ingest CREATEs new ids, a ~10-field sale each (POST /items for 1, POST /tables/venta/batch otherwise); status asks about ${fmt(settings.statusStored)} stored records picked at random; growth ingests at 100 a request into tables already holding ${fmt(settings.prefill)} rows${settings.quick ? ' (quick run: the full run uses 1,000,000)' : ''}; drain delivers ${fmt(settings.drainCount)} due sync failures, one change per request, to a fake endpoint in the bench process; deliver-batched drains ${fmt(settings.outboxCount)} outbox entries at 100 a request (EXTERNAL_SYNC_BATCH_SIZE=100) against ingest-1000's rate; ingest-1000-with-outbox runs ingest-1000 on an app delivering in batch mode against an app with external sync off; sustained holds ingest at ingest-1000's rate for ${settings.sustainedSeconds} s with batch delivery on and reports the outbox depth at the end.
- **Checks:** any non-2xx, error, timeout or wrong answer fails a scenario; after each ingest run the rows and operation rows written must equal what was acknowledged; the drain must deliver every row.

| scenario | API | compared with | ratio | target | | app peak MiB | CPU cores during the API run: app / postgres / bench / idle / steal | notes |
| --- | ---: | ---: | ---: | --- | --- | ---: | --- | --- |
${results.map(row).join('\n')}

Rates are records/s (drain: deliveries/s, against the endpoint's own maximum in requests/s,
measured with autocannon at the same concurrency). *ratio* is API / compared-with. Row-by-row is
the product document's style done directly in SQL (per record: INSERT, catch the duplicate, INSERT
the operation row; a round trip and a commit a statement) against the API at 100 records per
request, measured alternately in the same scenario.

${chart ? '![Records per second against records per request, API and raw SQL](throughput.svg)\n' : ''}
Raw figures (per-round rates, latencies, CPU) are in \`bench/out/\` (not committed).
`;
  writeFileSync(join(dir, 'results.md'), md);
}

module.exports = { write };

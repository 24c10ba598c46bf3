// bench/results.md and bench/throughput.svg.
const { writeFileSync } = require('node:fs');
const { cpus, totalmem } = require('node:os');
const { join } = require('node:path');

const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

function svgChart(points) {
  // points: [{ size, api, baseline }], log-scaled x (batch size), linear y (records/s)
  const W = 680, H = 360, L = 80, R = 70, T = 40, B = 50;
  const max = Math.max(...points.flatMap((p) => [p.api, p.baseline])) * 1.1;
  const x = (i) => L + (i * (W - L - R)) / Math.max(1, points.length - 1);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const line = (key, color) =>
    `<polyline fill="none" stroke="${color}" stroke-width="3" points="${points.map((p, i) => `${x(i)},${y(p[key])}`).join(' ')}"/>` +
    points.map((p, i) => `<circle cx="${x(i)}" cy="${y(p[key])}" r="4" fill="${color}"/><text x="${x(i) + 6}" y="${y(p[key]) - 6}" font-size="11" fill="${color}">${fmt(p[key])}</text>`).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<line x1="${L}" x2="${W - R}" y1="${y(max * f)}" y2="${y(max * f)}" stroke="#ddd"/><text x="${L - 8}" y="${y(max * f) + 4}" font-size="11" text-anchor="end">${fmt(max * f)}</text>`).join('');
  const labels = points.map((p, i) => `<text x="${x(i)}" y="${H - B + 20}" font-size="12" text-anchor="middle">${p.size}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="22" font-size="15" text-anchor="middle">Ingest throughput (records/s) against records per request</text>
${ticks}${labels}
<text x="${W / 2}" y="${H - 10}" font-size="12" text-anchor="middle">records per request</text>
${line('baseline', '#888')}${line('api', '#1f6feb')}
<rect x="${L + 10}" y="${T}" width="12" height="12" fill="#1f6feb"/><text x="${L + 28}" y="${T + 10}" font-size="12">API over HTTP</text>
<rect x="${L + 130}" y="${T}" width="12" height="12" fill="#888"/><text x="${L + 148}" y="${T + 10}" font-size="12">raw SQL baseline (node-pg)</text>
</svg>\n`;
}

function write({ results, settings, postgres, started }) {
  const rows = results.map((r) => `| ${r.name} | ${fmt(r.api)} | ${r.baselineLabel ?? 'baseline'} ${fmt(r.baseline)} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : 'n/a'} | ${r.target ?? '—'} | ${r.met === undefined ? '—' : r.met ? 'met' : '**not met**'} | ${r.peakMiB ?? '—'} |`);
  const chart = results.filter((r) => /^ingest-\d+$/.test(r.name)).map((r) => ({ size: Number(r.name.split('-')[1]), api: r.api, baseline: r.baseline }));
  if (chart.length > 1) writeFileSync(join(__dirname, '..', 'throughput.svg'), svgChart(chart));
  const md = `# Benchmark results

Measured ${started.toISOString()} by \`npm run bench${settings.quick ? ' -- --quick' : ''}\`.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${postgres} (embedded, fsync on)
- Settings: ${settings.connections} concurrent connections for the API (autocannon) and the baseline (node-pg pool) alike, ${settings.rounds} alternating round(s) of ${settings.seconds} s per side (rates are the mean), app in production mode with DATABASE_POOL_SIZE=${settings.poolSize}, a fresh database per scenario
- Records are ~10-field sales; ingest writes new ids; status asks about existing ids.

| scenario | API records/s | compared with | ratio | target | | app peak MiB |
| --- | ---: | ---: | ---: | --- | --- | ---: |
${rows.join('\n')}

![Ingest throughput against batch size](throughput.svg)

How to read it: *baseline* is node-pg doing the same writes or reads directly (rows and operation
rows in one transaction per batch, multi-row statements) at the same concurrency, on the same
machine in the same run; *ratio* is API / baseline. The drain is measured against the fake
endpoint's own maximum request rate; row-by-row is the product document's style (insert, catch the
duplicate, log; a round trip a statement) against the API at 100 records per request.
`;
  writeFileSync(join(__dirname, '..', 'results.md'), md);
}

module.exports = { write, fmt };

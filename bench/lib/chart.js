// A hand-made SVG: records/s against records per request, both axes logarithmic, the API against
// the raw-SQL baseline, for ingest (solid) and status (dashed).
const { fmt } = require('./log');

const W = 720,
  H = 440,
  L = 84,
  R = 40,
  T = 70,
  B = 56;
const COLORS = { api: '#1f6feb', baseline: '#6e7781' };

function svgChart(series) {
  // series: [{ name, dashed, points: [{ size, api, baseline }] }]
  const values = series.flatMap((s) => s.points.flatMap((p) => [p.api, p.baseline])).filter((v) => v > 0);
  const sizes = series.flatMap((s) => s.points.map((p) => p.size));
  const [y0, y1] = [Math.log10(niceBelow(Math.min(...values))), Math.log10(niceAbove(Math.max(...values)))];
  const [x0, x1] = [Math.log10(Math.min(...sizes)), Math.log10(Math.max(...sizes))];
  const x = (size) => L + ((Math.log10(size) - x0) / Math.max(1e-9, x1 - x0)) * (W - L - R);
  const y = (v) => T + (1 - (Math.log10(v) - y0) / Math.max(1e-9, y1 - y0)) * (H - T - B);
  const parts = [];
  for (let d = Math.floor(y0); d <= Math.ceil(y1); d++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** d;
      if (Math.log10(v) < y0 - 1e-9 || Math.log10(v) > y1 + 1e-9) continue;
      parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="${m === 1 ? '#ccc' : '#eee'}"/>`);
      parts.push(`<text x="${L - 8}" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="#444">${fmt(v)}</text>`);
    }
  }
  for (const size of [...new Set(sizes)]) {
    parts.push(`<line x1="${x(size)}" x2="${x(size)}" y1="${T}" y2="${H - B}" stroke="#eee"/>`);
    parts.push(`<text x="${x(size)}" y="${H - B + 18}" font-size="12" text-anchor="middle">${fmt(size)}</text>`);
  }
  const labels = [];
  series.forEach((s) => {
    for (const side of ['baseline', 'api']) {
      const pts = s.points.filter((p) => p[side] > 0);
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      parts.push(
        `<polyline fill="none" stroke="${COLORS[side]}" stroke-width="2.5"${dash} points="${pts.map((p) => `${x(p.size)},${y(p[side])}`).join(' ')}"/>`,
      );
      for (const p of pts) {
        parts.push(`<circle cx="${x(p.size)}" cy="${y(p[side])}" r="4" fill="${COLORS[side]}"/>`);
        labels.push({ size: p.size, y: y(p[side]) + 4, text: `${fmt(p[side])} ${s.name}`, color: COLORS[side] });
      }
    }
  });
  parts.push(...placeLabels(labels, x, Math.max(...sizes)));
  const legend = [
    ['API over HTTP', COLORS.api, ''],
    ['raw SQL (node-pg)', COLORS.baseline, ''],
    ['ingest', '#333', ''],
    ['status', '#333', ' stroke-dasharray="6 4"'],
  ].map(
    ([text, color, dash], i) =>
      `<line x1="${L + i * 150}" x2="${L + i * 150 + 26}" y1="44" y2="44" stroke="${color}" stroke-width="2.5"${dash}/><text x="${L + i * 150 + 32}" y="48" font-size="12">${text}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${(L + W - R) / 2}" y="24" font-size="15" text-anchor="middle">Records per second against records per request (log-log)</text>
${parts.join('\n')}
${legend.join('\n')}
<text x="${(L + W - R) / 2}" y="${H - 14}" font-size="12" text-anchor="middle">records (or ids) per request</text>
<text x="18" y="${(T + H - B) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 18 ${(T + H - B) / 2})">records/s</text>
</svg>\n`;
}

/** Value labels beside their points, pushed apart vertically where they would overlap; left of the last column. */
function placeLabels(labels, x, lastSize) {
  const out = [];
  for (const size of [...new Set(labels.map((l) => l.size))]) {
    const column = labels.filter((l) => l.size === size).sort((a, b) => a.y - b.y);
    column.forEach((l, i) => {
      if (i > 0) l.y = Math.max(l.y, column[i - 1].y + 13);
    });
    const left = size === lastSize;
    for (const l of column)
      out.push(
        `<text x="${x(size) + (left ? -8 : 8)}" y="${l.y}" font-size="11" text-anchor="${left ? 'end' : 'start'}" fill="${l.color}" stroke="white" stroke-width="3" paint-order="stroke">${l.text}</text>`,
      );
  }
  return out;
}

/** The nearest 1-2-5 step at or below (above) v, for the axis' ends. */
const steps = (v) => [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(v)));
const niceBelow = (v) =>
  steps(v)
    .filter((s) => s <= v)
    .pop();
const niceAbove = (v) => steps(v).find((s) => s >= v);

module.exports = { svgChart };

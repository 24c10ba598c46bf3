// Console output, copied to bench/out/run.log, and raw measurements kept in bench/out/.
const { appendFileSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OUT = join(__dirname, '..', 'out');
mkdirSync(OUT, { recursive: true });
const runLog = join(OUT, 'run.log');
writeFileSync(runLog, '');

function log(line) {
  process.stdout.write(`${line}\n`);
  appendFileSync(runLog, `${line}\n`);
}

/** Raw data of one measurement (autocannon summary, CPU, checks) as bench/out/<name>.json. */
function keep(name, data) {
  writeFileSync(join(OUT, `${name.replace(/[^\w.-]/g, '_')}.json`), JSON.stringify(data, null, 2));
}

const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ratio = (n) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');

module.exports = { OUT, log, keep, fmt, ratio };

// Where the CPU goes during a measurement: the app process, PostgreSQL (postmaster, its backends
// and the backends that already exited), this bench process, and the machine's idle, iowait and
// steal (time the hypervisor gave to other guests), all in cores (1.0 = one core busy for the
// whole measurement). Read from /proc.
const { execFileSync } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');

const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, ..., utime=11, stime=12, cutime=13, cstime=14]. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return undefined; // exited
  }
}

const own = (f) => (f ? f[11] + f[12] : 0);

/**
 * CPU seconds of a process tree rooted at `root`: live children plus the reaped ones (cutime).
 * Several roots (a Citus cluster's nodes on this machine): their sum.
 */
function treeSeconds(root) {
  if (Array.isArray(root)) return root.reduce((sum, one) => sum + treeSeconds(one), 0);
  const r = stat(root);
  if (!r) return 0;
  let ticks = own(r) + r[13] + r[14];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(entry);
    if (f && f[1] === root) ticks += own(f);
  }
  return ticks / TICKS;
}

function machine() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = fields.map(Number);
  return { idle: n[3] / TICKS, iowait: n[4] / TICKS, steal: (n[7] ?? 0) / TICKS };
}

function sample(pids) {
  const bench = process.cpuUsage();
  return {
    at: process.hrtime.bigint(),
    app: pids.app ? own(stat(pids.app)) / TICKS : 0,
    postgres: treeSeconds(pids.postgres),
    bench: (bench.user + bench.system) / 1e6,
    machine: machine(),
  };
}

/** Starts a meter; `stop()` returns the cores each party used meanwhile. */
function meter(pids) {
  const start = sample(pids);
  return {
    stop() {
      const end = sample(pids);
      const wall = Number(end.at - start.at) / 1e9;
      const cores = (a, b) => Math.round(((b - a) / wall) * 100) / 100;
      const m = (k) => cores(start.machine[k], end.machine[k]);
      return {
        app: cores(start.app, end.app),
        postgres: cores(start.postgres, end.postgres),
        bench: cores(start.bench, end.bench),
        idle: m('idle'),
        iowait: m('iowait'),
        steal: m('steal'),
      };
    },
  };
}

/**
 * CPU seconds each named process has used so far (`postgres`: the server's whole tree, as in
 * `meter`); the difference of two readings over the records done meanwhile is a cost per record.
 */
function cpuSeconds(pids) {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, name === 'postgres' ? treeSeconds(pid) : own(stat(pid)) / TICKS]),
  );
}

const describeCpu = (c) =>
  `cpu cores: app ${c.app.toFixed(2)}, postgres ${c.postgres.toFixed(2)}, bench ${c.bench.toFixed(2)}, idle ${c.idle.toFixed(2)}, iowait ${c.iowait.toFixed(2)}, steal ${c.steal.toFixed(2)}`;

module.exports = { meter, describeCpu, cpuSeconds };

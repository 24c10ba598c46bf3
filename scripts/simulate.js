#!/usr/bin/env node
// npm run simulate [-- --stores K --devices D --records M --seed S --quick]: the convergence simulation
// (sim/, README "Convergence simulation"). Prints progress, a STATS line, then one result line;
// exits non-zero unless every count is zero.
const { runSimulation, resultLine } = require('../sim/simulation');

function parseArgs(argv) {
  const options = {};
  for (let n = 0; n < argv.length; n++) {
    const flag = argv[n];
    const value = () => {
      const given = argv[++n];
      if (given === undefined) fail(`${flag} needs a value`);
      return given;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--seed') options.seed = value();
    else if (['--stores', '--clients', '--devices', '--records'].includes(flag)) {
      const number = Number(value());
      if (!Number.isInteger(number) || number < 1) fail(`${flag} must be a positive integer`);
      // --clients is the old name of --stores.
      options[flag === '--stores' ? 'clients' : flag.slice(2)] = number;
    } else fail(`unknown option ${flag}`);
  }
  return options;
}

function fail(message) {
  console.error(
    `simulate: ${message}\nusage: npm run simulate -- [--stores K] [--devices D] [--records M] [--seed S] [--quick]`,
  );
  process.exit(2);
}

// Ctrl-C or a timeout: exit through process.exit so the exit hooks stop the server and the
// embedded PostgreSQL; the client processes end with their IPC channel.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`simulate: ${signal}, stopping`);
    process.exit(130);
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const result = await runSimulation({
    ...options,
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: (line) => console.log(`sim: ${line}`),
  });
  console.log(
    `STATS seed=${result.seed} changes=${result.changes} records_per_second=${Math.round(result.recordsPerSecond)} peak_client_rss=${Math.round(result.peakClientMiB)}MiB peak_client_heap=${Math.round(result.peakClientHeapMiB)}MiB rejected=${result.rejected} late_writes=${result.lateWrites.late} late_after_delete=${result.lateWrites.afterDelete} tombstones=${result.tombstones} conflicts=${result.activity.conflicts} merges=${result.activity.merges} cursor_resets=${result.activity.cursorResets} pages_before_kill=${result.activity.pagesBeforeKill} pages_after_restart=${result.activity.pagesAfterRestart} counter_changes=${JSON.stringify(result.activity.counterOutcomes)} unrecognised_resends=${result.activity.unrecognisedResends} head_office_writes=${result.headOffice}`,
  );
  console.log(resultLine(result));
  process.exit(result.converged ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The convergence simulation: K store apps write M records each through a fault-injecting proxy
// while the server is killed and restarted and a "DBA" deletes operation rows; when the faults stop,
// every client syncs until idle and audits until an audit finds nothing to resend, then the checks
// compare every client with the server. README "Convergence simulation" explains the result line.
const { randomBytes } = require('node:crypto');
const { ClientProcess } = require('./clients');
const { Checker } = require('./checks');
const { deleteClientOperations, deleteRandomOperations } = require('./dba');
const { FaultProxy } = require('./fault-proxy');
const { freePort, ServerProcess, startDatabase } = require('./infra');
const { chance } = require('./random');

// The clients' backoff is capped at 5 s (default 30 s) so that a run spends its time syncing, not
// sleeping after the many injected failures; everything else is the client's default.
const DEFAULTS = {
  clients: 20,
  records: 5000,
  steps: 6,
  offlineShare: 0.3,
  settleMs: 60_000,
  maxRounds: 10,
  intervalMs: 250,
  clientOptions: { backoff: { maxMs: 5000 } },
};
const QUICK = { clients: 4, records: 500, steps: 4, settleMs: 20_000 };

const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Runs one simulation and returns its counts. `log` receives progress lines. With `databaseUrl` it
 * uses that (empty) database, otherwise an embedded PostgreSQL of its own.
 */
async function runSimulation(input = {}) {
  const options = { ...DEFAULTS, ...(input.quick ? QUICK : {}), ...stripUndefined(input) };
  const seed = String(options.seed ?? randomBytes(4).toString('hex'));
  const log = options.log ?? (() => undefined);
  const ids = Array.from({ length: options.clients }, (_, n) => `SIM_${String(n + 1).padStart(3, '0')}`);
  const keys = new Map(ids.map((id, n) => [`sim-${seed}-${n + 1}-${randomBytes(8).toString('hex')}`, id]));
  const keyOf = new Map([...keys].map(([key, id]) => [id, key]));
  const longOffline = ids[Math.min(1, ids.length - 1)];
  const bulkDeleted = ids[ids.length - 1];
  const cleanup = [];
  log(`seed=${seed} clients=${options.clients} records=${options.records} steps=${options.steps}`);

  try {
    const database = await startDatabase({ databaseUrl: options.databaseUrl, log });
    cleanup.push(() => database.stop());
    const server = new ServerProcess({
      databaseUrl: database.url,
      port: await freePort(),
      apiKeys: [...keys].map(([key, id]) => `${id}:${key}`).join(','),
      adminToken: `sim-admin-${randomBytes(12).toString('hex')}`,
    });
    cleanup.unshift(() => server.stop());
    await server.start();
    const proxy = new FaultProxy({ target: server.url, clientsByKey: keys, seed });
    const proxyUrl = await proxy.listen();
    cleanup.unshift(() => proxy.close());

    const clients = ids.map((id) => new ClientProcess(id, options.clientModule));
    cleanup.unshift(() => Promise.all(clients.map((client) => client.close())));
    await Promise.all(
      clients.map((client) =>
        client.call('init', {
          clientId: client.clientId,
          apiKey: keyOf.get(client.clientId),
          baseUrl: proxyUrl,
          seed,
          records: options.records,
          clientOptions: options.clientOptions,
        }),
      ),
    );

    const started = Date.now();
    const all = (command, args, which = clients) => Promise.all(which.map((client) => client.call(command, args)));
    const events = [];
    const note = (text) => {
      events.push(text);
      log(text);
    };

    // Faults on: clients sync in the background on their own timers while the apps keep writing.
    proxy.setFaults(true);
    await all('start', { intervalMs: options.intervalMs });
    let changes = 0;
    for (let step = 0; step < options.steps; step++) {
      const offline = new Set(
        step === 0
          ? []
          : ids.filter(
              (id) =>
                (id === longOffline && step < options.steps - 1) ||
                chance(seed, 'offline', id, step) < options.offlineShare,
            ),
      );
      for (const id of ids) proxy.setOffline(id, offline.has(id));
      const written = await all('write', { step, steps: options.steps });
      changes += written.reduce((sum, w) => sum + w.changes, 0);
      log(
        `step ${step + 1}/${options.steps}: ${changes} changes written, offline: ${[...offline].join(' ') || 'none'}`,
      );

      if (step === 1 || step === options.steps - 2) {
        // Mid-sync: the clients have just started pushing this step's changes. The proxy goes down
        // first (before, a fast machine could finish the step's sync inside the pause and the restart
        // then met no request at all), so their next requests are cut while the server dies.
        proxy.setUpstreamDown(true);
        await sleep(300);
        await server.kill();
        note(`server killed with SIGKILL (step ${step + 1})`);
        await sleep(500);
        await server.start(); // checked directly, not through the proxy
        // Stay down until a client has met the outage (clients pausing after a 503 or a backoff come
        // back within seconds), so every run really exercises it; bounded, so a run never hangs here.
        for (let waited = 0; proxy.counts.upstreamDown === 0 && waited < 10_000; waited += 100) await sleep(100);
        proxy.setUpstreamDown(false);
        note('server restarted');
      }
      if (step === 2)
        note(
          `DBA deleted ${await deleteRandomOperations(database.url, `${seed}:${step}`, 0.03)} random operation rows`,
        );
      await settle(
        clients.filter((client) => !offline.has(client.clientId)),
        options.settleMs,
      );
    }

    // The last faults: late duplicates of earlier writes (a CREATE after its record's DELETE, an
    // UPDATE after a newer one), then the DBA's bulk deletion of one client's history.
    note(`replayed ${await proxy.replayDuplicates()} delayed duplicate requests`);
    // Counted before the DBA below deletes some of the operations that show them.
    const lateWrites = await withChecker(database.url, (checker) => checker.lateWrites(ids));
    note(
      `late writes so far: ${lateWrites.late} arrived after a newer change of their record, ${lateWrites.afterDelete} of them after its DELETE`,
    );
    note(`DBA deleted all ${await deleteClientOperations(database.url, bulkDeleted)} operations of ${bulkDeleted}`);
    note(`DBA deleted ${await deleteRandomOperations(database.url, `${seed}:end`, 0.02)} random operation rows`);
    proxy.setFaults(false);
    for (const id of ids) proxy.setOffline(id, false);
    await all('stop');
    log(`faults stopped; proxy: ${JSON.stringify(proxy.counts)}`);

    const synced = await all('syncUntilIdle', { attempts: 50 });
    log(`synced until idle: pending ${synced.map((s) => s.pending).join(' ')}`);
    let rounds = 0;
    for (;;) {
      rounds++;
      const audits = await all('audit');
      const healed = audits.reduce((sum, a) => sum + a.healed, 0);
      const pending = audits.reduce((sum, a) => sum + a.pending, 0);
      log(
        `audit round ${rounds}: ${audits.reduce((sum, a) => sum + a.checked, 0)} records checked, ${healed} needed a resend, ${pending} still open`,
      );
      if ((healed === 0 && pending === 0) || rounds >= options.maxRounds) break;
      await all('syncUntilIdle', { attempts: 50 });
    }
    const seconds = (Date.now() - started) / 1000;
    const peakClientMiB = Math.max(...clients.map((client) => client.peakMemoryMiB()));

    const checker = new Checker(database.url);
    await checker.open();
    const totals = { lost: 0, mismatched: 0, duplicates: 0, rejected: 0 };
    try {
      for (const client of clients) {
        const dump = await client.call('dump');
        const counts = await checker.checkClient(client.clientId, dump);
        for (const key of ['lost', 'mismatched', 'duplicates']) totals[key] += counts[key];
        totals.rejected += dump.rejected;
        if (counts.lost + counts.mismatched + counts.duplicates > 0) {
          log(
            `${client.clientId}: lost=${counts.lost} mismatched=${counts.mismatched} duplicates=${counts.duplicates}; for example:`,
          );
          for (const example of counts.examples) log(`  ${example}`);
        }
      }
      const history = await checker.missingHistory(ids);
      totals.missingHistory = history.missing;
      if (history.missing > 0)
        log(`rows without a COMPLETED operation for their version, for example: ${history.examples.join(', ')}`);
    } finally {
      await checker.close();
    }
    const converged =
      rounds <= options.maxRounds && totals.lost + totals.mismatched + totals.missingHistory + totals.duplicates === 0;
    return {
      converged,
      seed,
      clients: options.clients,
      records: options.clients * options.records,
      changes,
      rounds,
      ...totals,
      seconds,
      recordsPerSecond: (options.clients * options.records) / seconds,
      peakClientMiB,
      tombstones: checker.tombstones,
      lateWrites,
      proxy: proxy.counts,
      events,
    };
  } finally {
    for (const step of cleanup) await step().catch((error) => log(`cleanup: ${error.message}`));
  }
}

async function withChecker(databaseUrl, work) {
  const checker = new Checker(databaseUrl);
  await checker.open();
  try {
    return await work(checker);
  } finally {
    await checker.close();
  }
}

/** Waits until none of `clients` has anything pending, or `withinMs` passed (faults may prevent it). */
async function settle(clients, withinMs) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const pending = await Promise.all(clients.map((client) => client.call('pending')));
    if (pending.every((n) => n === 0)) return;
    await sleep(250);
  }
}

/** The one result line (README "Convergence simulation"). */
function resultLine(r) {
  return `${r.converged ? 'CONVERGED' : 'NOT CONVERGED'} clients=${r.clients} records=${r.records} rounds=${r.rounds} lost=${r.lost} mismatched=${r.mismatched} missing_history=${r.missingHistory} duplicates=${r.duplicates} seconds=${Math.round(r.seconds)}`;
}

function stripUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

module.exports = { runSimulation, resultLine, DEFAULTS, QUICK };

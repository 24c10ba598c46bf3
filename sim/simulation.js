// The convergence simulation: K store apps write M records each through a fault-injecting proxy
// while the server is killed and restarted and a "DBA" deletes operation rows; when the faults stop,
// every client syncs until idle and audits until an audit finds nothing to resend, then the checks
// compare every client with the server. README "Convergence simulation" explains the result line.
const { randomBytes } = require('node:crypto');
const { Checker, STORE_TABLES } = require('./checks');
const { deleteClientOperations, deleteRandomOperations } = require('./dba');
const { FaultProxy } = require('./fault-proxy');
const { ENGINE, freePort, query, requireBuilt, ServerProcess, startDatabase } = require('./infra');
const { chance } = require('./random');
const { ClientProcess: DeviceProcess } = require('./clients');
const { HeadOffice } = require('./head-office');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// The clients' backoff is capped at 5 s (default 30 s) so that a run spends its time syncing, not
// sleeping after the many injected failures; everything else is the client's default.
const DEFAULTS = {
  clients: 20,
  devices: 3,
  records: 5000,
  steps: 6,
  offlineShare: 0.3,
  settleMs: 60_000,
  maxRounds: 10,
  intervalMs: 250,
  clientOptions: { backoff: { maxMs: 5000 } },
};
const QUICK = { clients: 4, records: 500, steps: 4, settleMs: 20_000 };
// The device killed mid-pull pulls small pages, so that its full pull spans many requests.
const DURABLE_PULL_LIMIT = 20;

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
  const devices = options.devices;
  // Store 1's last device keeps its queue in SQLite: it is killed mid-pull and restarted on it.
  const durable = { clientId: ids[0], device: devices };
  const scratch = mkdtempSync(join(tmpdir(), 'resync-sim-devices-'));
  const bulkDeleted = ids[ids.length - 1];
  const cleanup = [];
  log(`seed=${seed} stores=${options.clients} devices=${devices} records=${options.records} steps=${options.steps}`);

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
    cleanup.push(async () => rmSync(scratch, { recursive: true, force: true }));
    const headOffice = new HeadOffice({ url: server.url, adminToken: server.env.ADMIN_TOKEN, seed });

    // One process per device: D devices per store, each with its own store, on the store's key.
    const initArgs = (clientId, device) => {
      const isDurable = clientId === durable.clientId && device === durable.device;
      return {
        clientId,
        device,
        devices,
        shared: true,
        tables: ['venta', 'devolucion', 'stock', 'producto'],
        storePath: isDurable ? join(scratch, `${clientId}-${device}.db`) : undefined,
        apiKey: keyOf.get(clientId),
        baseUrl: proxyUrl,
        seed,
        records: Math.ceil(options.records / devices),
        sharedRecords: options.records,
        clientOptions: isDurable ? { ...options.clientOptions, pullLimit: DURABLE_PULL_LIMIT } : options.clientOptions,
      };
    };
    const clients = ids.flatMap((id) =>
      Array.from({ length: devices }, (_, n) => {
        const device = new DeviceProcess(id, options.clientModule);
        device.device = n + 1;
        return device;
      }),
    );
    cleanup.unshift(() => Promise.all(clients.map((client) => client.close())));
    await Promise.all(
      clients.map(async (client) => {
        client.deviceId = (await client.call('init', initArgs(client.clientId, client.device))).deviceId;
      }),
    );

    // A cursor reset for store 1 (its feed horizon raised past every cursor, as a purge of
    // tombstones past retention does), then its durable device is killed with SIGKILL while the
    // full pull the 410 starts runs page by page, and restarted on its SQLite store: the pull goes
    // on from the cursor it stored.
    const killDeviceMidPull = async () => {
      const at = clients.findIndex((c) => c.clientId === durable.clientId && c.device === durable.device);
      const victim = clients[at];
      proxy.setOffline(victim.deviceId, false);
      const resetsBefore = proxy.counts.cursorExpired;
      await resetFeedCursors(database.url, durable.clientId);
      const before = proxy.feedPagesOf(victim.deviceId);
      const pulling = victim.call('pull').then(
        () => 'finished',
        () => 'cut',
      );
      // Bounded generously: on a loaded machine the pull's first pages can take many seconds.
      for (let waited = 0; proxy.feedPagesOf(victim.deviceId) - before < 3 && waited < 60_000; waited += 20)
        await sleep(20);
      victim.child.kill('SIGKILL');
      const outcome = await pulling;
      const pagesBefore = proxy.feedPagesOf(victim.deviceId) - before;
      const restarted = new DeviceProcess(victim.clientId, options.clientModule);
      restarted.device = victim.device;
      restarted.deviceId = (await restarted.call('init', initArgs(victim.clientId, victim.device))).deviceId;
      clients[at] = restarted;
      const pagesAtRestart = proxy.feedPagesOf(victim.deviceId);
      await restarted.call('start', { intervalMs: options.intervalMs });
      for (let waited = 0; proxy.feedPagesOf(victim.deviceId) === pagesAtRestart && waited < 60_000; waited += 50)
        await sleep(50);
      const pagesAfter = proxy.feedPagesOf(victim.deviceId) - pagesAtRestart;
      killedMidPull.push({
        resets: proxy.counts.cursorExpired - resetsBefore,
        pagesBefore,
        pagesAfter,
        outcome,
        sameDevice: restarted.deviceId === victim.deviceId,
      });
      note(
        `device ${victim.clientId}/${victim.device} killed mid-pull (${outcome}, after ${pagesBefore} feed pages; ${proxy.counts.cursorExpired - resetsBefore} cursor resets of its store so far), restarted on its store (same device: ${restarted.deviceId === victim.deviceId}), pulled ${pagesAfter} pages after the restart`,
      );
    };
    const killedMidPull = [];

    // The operations of counter records the DBA deleted (sim/dba.js), for the counter checks.
    const deletedCounterOps = [];
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
      // Offline for the whole step: the long-offline store (every device), and each device with
      // probability offlineShare.
      const offline = new Set(
        step === 0
          ? []
          : clients
              .filter(
                (client) =>
                  (client.clientId === longOffline && step < options.steps - 1) ||
                  chance(seed, 'offline', client.clientId, client.device, step) < options.offlineShare,
              )
              .map((client) => client.deviceId),
      );
      for (const client of clients) proxy.setOffline(client.deviceId, offline.has(client.deviceId));
      const written = await all('write', { step, steps: options.steps });
      changes += written.reduce((sum, w) => sum + w.changes, 0);
      log(`step ${step + 1}/${options.steps}: ${changes} changes written, ${offline.size} devices offline`);
      // Head office publishes the catalogue (step 1) and changes it while stores are offline.
      if (step >= 1)
        note(`head office wrote ${await headOffice.write(step)} producto rows (${offline.size} devices offline)`);

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
      if (step === options.steps - 2) await killDeviceMidPull();
      if (step === 2)
        note(
          `DBA deleted ${await deleteRandomOperations(database.url, `${seed}:${step}`, 0.03, deletedCounterOps)} random operation rows`,
        );
      await settle(
        clients.filter((client) => !offline.has(client.deviceId)),
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
    note(
      `DBA deleted all ${await deleteClientOperations(database.url, bulkDeleted, deletedCounterOps)} operations of ${bulkDeleted}`,
    );
    note(
      `DBA deleted ${await deleteRandomOperations(database.url, `${seed}:end`, 0.02, deletedCounterOps)} random operation rows`,
    );
    proxy.setFaults(false);
    for (const client of clients) proxy.setOffline(client.deviceId, false);
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
    const peakClientHeapMiB = Math.max(...(await all('memory')).map((m) => m.peakHeap)) / 2 ** 20;

    const checker = new Checker(database.url);
    await checker.open();
    const totals = { lost: 0, mismatched: 0, duplicates: 0, rejected: 0, counterErrors: 0, silentOverwrites: 0 };
    const activity = {
      conflicts: 0,
      merges: 0,
      cursorResets: proxy.counts.cursorExpired,
      pagesBeforeKill: killedMidPull.reduce((sum, k) => sum + k.pagesBefore, 0),
      pagesAfterRestart: killedMidPull.reduce((sum, k) => sum + k.pagesAfter, 0),
      // What the devices were told of their counter changes ('applied', 'merged', 'conflict', ...).
      counterOutcomes: {},
      unrecognisedResends: 0,
    };
    const COUNTS = ['lost', 'mismatched', 'duplicates', 'counterErrors', 'silentOverwrites'];
    try {
      for (const id of ids) {
        const dumps = await Promise.all(clients.filter((c) => c.clientId === id).map((c) => c.call('dump')));
        const counts = await checker.checkStore(id, dumps, deletedCounterOps);
        for (const key of COUNTS) totals[key] += counts[key];
        activity.unrecognisedResends += counts.unrecognisedResends;
        for (const dump of dumps) {
          totals.rejected += dump.rejected;
          activity.conflicts += dump.events.conflicts;
          activity.merges += dump.events.merges;
          for (const { outcome } of dump.counterChanges)
            activity.counterOutcomes[outcome] = (activity.counterOutcomes[outcome] ?? 0) + 1;
          for (const example of dump.events.rejectedExamples ?? []) log(`${id} rejected: ${example}`);
        }
        if (COUNTS.some((key) => counts[key] > 0)) {
          log(`${id}: ${COUNTS.map((key) => `${key}=${counts[key]}`).join(' ')}; for example:`);
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
      rounds <= options.maxRounds &&
      totals.lost +
        totals.mismatched +
        totals.missingHistory +
        totals.duplicates +
        totals.silentOverwrites +
        totals.counterErrors ===
        0;
    return {
      converged,
      seed,
      clients: options.clients,
      devices: clients.length,
      records: options.clients * options.records,
      activity,
      headOffice: headOffice.written,
      changes,
      rounds,
      ...totals,
      seconds,
      recordsPerSecond: (options.clients * options.records) / seconds,
      peakClientMiB,
      peakClientHeapMiB,
      tombstones: checker.tombstones,
      lateWrites,
      proxy: proxy.counts,
      events,
    };
  } finally {
    for (const step of cleanup) await step().catch((error) => log(`cleanup: ${error.message}`));
  }
}

/**
 * Raises one store's change-feed horizon past every cursor it was given, as a purge of tombstones
 * past retention does (to the newest purged `_xid`; here this transaction's own id, above every
 * cursor's): its devices' next pulls are 410 cursor_expired and start a full pull.
 */
async function resetFeedCursors(databaseUrl, clientId) {
  // On Citus a statement's pg_current_xact_id() is the coordinator's, not the store's worker's, and
  // now() is refused in DO UPDATE: the operator's command does it there (npm run db:expire-feeds).
  if (ENGINE.DATABASE_ENGINE === 'citus') {
    await requireBuilt('libs/database/src/citus/expire-feeds.js').expireFeeds(databaseUrl, [clientId]);
    return;
  }
  await query(
    databaseUrl,
    `INSERT INTO sync_feed_horizons (client_id, table_name, purged_xid)
       SELECT $1, t, pg_current_xact_id() FROM unnest($2::text[]) AS t
     ON CONFLICT (client_id, table_name) DO UPDATE SET purged_xid = EXCLUDED.purged_xid, purged_at = now()`,
    [clientId, STORE_TABLES],
  );
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
  return `${r.converged ? 'CONVERGED' : 'NOT CONVERGED'} stores=${r.clients} devices=${r.devices} records=${r.records} rounds=${r.rounds} lost=${r.lost} mismatched=${r.mismatched} missing_history=${r.missingHistory} duplicates=${r.duplicates} silent_overwrites=${r.silentOverwrites} counter_errors=${r.counterErrors} seconds=${Math.round(r.seconds)}`;
}

function stripUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

module.exports = { runSimulation, resultLine, DEFAULTS, QUICK };

// One simulated store app: a child process running a ResyncClient on its own store, driven by the
// simulation over IPC. The app's own record of what it wrote (`model`) is the ground truth the
// checks compare the server with; the client's store is compared separately.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { stepChanges } = require('./workload');
const { writeShared } = require('./shared-workload');
const { clientPackage, clientViews, newStore, queueCounts, trackingStore } = require('./client-adapter');

let client;
let store;
let options;
let model = new Map();
// Counter changes: queue seq -> [stock id, delta, id_cola].
let deltas = new Map();
const events = { rejected: 0, errors: 0, lastError: undefined, conflicts: 0, merges: 0 };
// Every local change the app made (seq -> { table, id, ver, outcome }): outcome is set when the
// device is told what became of it: 'applied' (COMPLETED), 'merged', 'conflict' or 'rejected' (the
// events).
const tracked = new Map();
// The largest V8 heap in use seen so far, sampled (the process's peak RSS is read from /proc).
let peakHeap = 0;
setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 200).unref();

/** A durable device keeps its app's own record of what it wrote next to its SQLite store. */
function saveModel() {
  if (!options.storePath) return;
  writeFileSync(
    `${options.storePath}.app.json`,
    JSON.stringify({ model: [...model], deltas: [...deltas], tracked: [...tracked] }),
  );
}

function loadModel() {
  const file = `${options.storePath}.app.json`;
  if (!options.storePath || !existsSync(file)) return;
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  model = new Map(saved.model);
  deltas = new Map(saved.deltas);
  for (const [seq, change] of saved.tracked) tracked.set(seq, change);
}

const commands = {
  async init(args) {
    options = args;
    const { ResyncClient } = clientPackage();
    loadModel();
    store = trackingStore(await newStore(args), tracked, events, args.storePath ? saveModel : undefined);
    client = new ResyncClient({ baseUrl: args.baseUrl, apiKey: args.apiKey, store, ...(args.clientOptions ?? {}) });
    client.on('rejected', (rejected) => {
      events.rejected++;
      const change = tracked.get(rejected.seq);
      if (change && !change.outcome) change.outcome = 'rejected';
      events.rejectedExamples ??= [];
      if (events.rejectedExamples.length < 5)
        events.rejectedExamples.push(
          `${rejected.table}/${rejected.id} v${rejected.ver} ${rejected.op}: ${rejected.reason}`,
        );
      saveModel();
    });
    client.on('conflict', (conflict) => {
      events.conflicts++;
      // The refused change and the record's later local changes leave the queue with it.
      for (const change of tracked.values())
        if (
          change.table === conflict.table &&
          change.id === conflict.id &&
          change.seq >= conflict.local.seq &&
          !change.outcome
        )
          change.outcome = 'conflict';
      saveModel();
    });
    client.on('error', (error) => {
      events.errors++;
      events.lastError = String(error?.message ?? error);
    });
    return { pid: process.pid, deviceId: await client.deviceId() };
  },

  /** The app writes step `step`'s changes; online or not, each returns once queued locally. */
  async write({ step, steps }) {
    const changes = stepChanges({
      seed: options.seed,
      clientId: options.clientId,
      step,
      steps,
      records: options.records,
      model,
      prefix: idPrefix(),
    });
    for (const change of changes) {
      if (change.op === 'create') await client.create(change.table, { id: change.id, ...change.data });
      else if (change.op === 'update') await client.update(change.table, { id: change.id, ...change.data });
      else await client.delete(change.table, change.id);
    }
    let shared = 0;
    if (options.shared)
      shared = await writeShared({
        client,
        seed: options.seed,
        clientId: options.clientId,
        device: options.device,
        step,
        records: options.sharedRecords ?? options.records,
        deltas,
      });
    saveModel();
    return { changes: changes.length + shared };
  },

  /** One pull of every table; the answer tells whether it completed. */
  async pull() {
    return client.pull();
  },

  start({ intervalMs }) {
    client.start({ intervalMs });
  },

  stop() {
    client.stop();
  },

  async pending() {
    return (await queueCounts(client)).open;
  },

  /** sync() until nothing is pending (or `attempts` runs); returns the reports' totals. */
  async syncUntilIdle({ attempts = 50 }) {
    const totals = {};
    for (let n = 1; n <= attempts; n++) {
      const report = await client.sync();
      for (const [key, value] of Object.entries(report ?? {}))
        if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
      const { open } = await queueCounts(client);
      if (open === 0) return { runs: n, totals, pending: 0 };
    }
    return { runs: attempts, totals, pending: (await queueCounts(client)).open };
  },

  /** One audit of every table: how many records needed a resend, and what is still open after it. */
  async audit() {
    const report = await client.audit();
    return {
      healed: report.healed,
      checked: report.checked,
      resent: report.resent,
      pending: (await queueCounts(client)).open,
    };
  },

  /** Peak heap in use (sampled every 200 ms), in bytes. */
  memory() {
    return { peakHeap: Math.max(peakHeap, process.memoryUsage().heapUsed) };
  },

  /** The app's ground truth and the client's view, record by record, for the checks. */
  async dump() {
    const views = await clientViews(client, options.tables);
    const records = [];
    for (const [id, record] of model) {
      const view = views.get(`${record.table}\u0000${id}`) ?? null;
      records.push({ id, table: record.table, ver: record.ver, deleted: record.deleted, data: record.data, view });
    }
    let silentOverwrites = 0;
    for (const change of tracked.values()) if (!change.outcome) silentOverwrites++;
    // Each counter change with what the device was told became of it.
    const counterChanges = [...deltas].map(([seq, [id, delta, queueId]]) => ({
      id,
      delta,
      queueId,
      outcome: tracked.get(seq)?.outcome ?? 'none',
    }));
    return {
      records,
      views: [...views],
      counterChanges,
      silentOverwrites,
      events,
      rejected: (await queueCounts(client)).rejected,
    };
  },
};

function idPrefix() {
  return options.devices > 1 ? `d${options.device}-` : '';
}

// The simulation may be gone (stopped, or its run failed) by the time an answer is ready.
const answer = (message) => process.connected && process.send(message);

process.on('message', async ({ id, command, args }) => {
  try {
    answer({ id, ok: true, result: await commands[command](args ?? {}) });
  } catch (error) {
    answer({ id, ok: false, error: String(error?.stack ?? error) });
  }
});

process.on('disconnect', () => process.exit(0));

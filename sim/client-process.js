// One simulated store app: a child process running a ResyncClient on its own store, driven by the
// simulation over IPC. The app's own record of what it wrote (`model`) is the ground truth the
// checks compare the server with; the client's store is compared separately.
const { stepChanges } = require('./workload');
const { clientPackage, newStore, queueCounts, storeViews } = require('./client-adapter');

let client;
let store;
let options;
const model = new Map();
const events = { rejected: 0, errors: 0, lastError: undefined };

const commands = {
  async init(args) {
    options = args;
    const { ResyncClient } = clientPackage();
    store = await newStore(args);
    client = new ResyncClient({ baseUrl: args.baseUrl, apiKey: args.apiKey, store, ...(args.clientOptions ?? {}) });
    client.on('rejected', () => events.rejected++);
    client.on('error', (error) => {
      events.errors++;
      events.lastError = String(error?.message ?? error);
    });
    return { pid: process.pid };
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
    });
    for (const change of changes) {
      if (change.op === 'create') await client.create(change.table, { id: change.id, ...change.data });
      else if (change.op === 'update') await client.update(change.table, { id: change.id, ...change.data });
      else await client.delete(change.table, change.id);
    }
    return { changes: changes.length };
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

  /** The app's ground truth and the client's view, record by record, for the checks. */
  async dump() {
    const views = await storeViews(store);
    const records = [];
    for (const [id, record] of model) {
      const view = views.get(`${record.table}\u0000${id}`) ?? null;
      records.push({ id, table: record.table, ver: record.ver, deleted: record.deleted, data: record.data, view });
    }
    return { records, events, rejected: (await queueCounts(client)).rejected };
  },
};

process.on('message', async ({ id, command, args }) => {
  try {
    const result = await commands[command](args ?? {});
    process.send({ id, ok: true, result });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});

process.on('disconnect', () => process.exit(0));

// Where the simulation meets @resync/client: which build it loads, which store each client gets,
// and how the client's view of its records is read. Nothing else here knows the client's API.
const { join } = require('node:path');
const { ROOT } = require('./infra');

/** The package's CommonJS build (`npm run build`); RESYNC_SIM_CLIENT points at another build. */
function clientPackage() {
  return require(process.env.RESYNC_SIM_CLIENT ?? join(ROOT, 'libs', 'client'));
}

async function newStore() {
  const { MemoryStore } = clientPackage();
  return new MemoryStore();
}

/** Changes not yet confirmed (pending or sent) and rejected ones. */
async function queueCounts(client) {
  const counts = await client.counts();
  return { open: counts.pending + counts.sent, rejected: counts.rejected };
}

/**
 * The client's view of every record its store knows, "table\0id" -> { deleted, ver, data }, read
 * in pages as the store serves them.
 */
async function storeViews(store) {
  const views = new Map();
  let after;
  for (;;) {
    const page = await store.records({ after, limit: 1000 });
    for (const record of page) {
      views.set(
        `${record.table}\u0000${record.id}`,
        record.op === 'DELETE'
          ? { deleted: true, ver: record.ver }
          : { deleted: false, ver: record.ver, data: record.data },
      );
    }
    if (page.length < 1000) return views;
    after = { table: page[page.length - 1].table, id: page[page.length - 1].id };
  }
}

module.exports = { clientPackage, newStore, queueCounts, storeViews };

// Where the simulation meets @resync/client: which build it loads, which store it gives each
// client, and how it reads a client's view of a record. Nothing else knows the client's internals.
const { join } = require('node:path');
const { ROOT } = require('./infra');

function clientPackage() {
  return require(process.env.RESYNC_SIM_CLIENT ?? join(ROOT, 'libs', 'client'));
}

async function newStore() {
  const { MemoryStore } = clientPackage();
  return new MemoryStore();
}

/** The client's view of one record: { deleted: true } or { deleted: false, ver, data }; null if unknown. */
async function storeView(client, store, table, id) {
  const entry = store.records.get(`${table}\u0000${id}`);
  if (!entry) return null;
  return entry.deleted ? { deleted: true, ver: entry.ver } : { deleted: false, ver: entry.ver, data: entry.data };
}

module.exports = { clientPackage, newStore, storeView };

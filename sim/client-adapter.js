// Where the simulation meets @resync/client: which build it loads, which store each client gets,
// and how the client's view of its records is read. Nothing else here knows the client's API.
const { join } = require('node:path');
const { ROOT } = require('./infra');

/** The package's CommonJS build (`npm run build`); RESYNC_SIM_CLIENT points at another build. */
function clientPackage() {
  return require(process.env.RESYNC_SIM_CLIENT ?? join(ROOT, 'libs', 'client'));
}

/** The SQLite entry point of the same build. */
function sqlitePackage() {
  const base = process.env.RESYNC_SIM_CLIENT;
  return require(base ? join(base, 'sqlite') : join(ROOT, 'libs', 'client', 'dist', 'cjs', 'sqlite'));
}

/** A MemoryStore, or with `storePath` a SqliteStore on that file (a device that survives a kill). */
async function newStore({ storePath } = {}) {
  if (storePath) {
    const { SqliteStore } = sqlitePackage();
    return new SqliteStore(storePath, { synchronous: 'NORMAL' });
  }
  const { MemoryStore } = clientPackage();
  return new MemoryStore();
}

/**
 * The store with the app's bookkeeping around it: every change the app queues is added to
 * `tracked` (seq -> change), and marked 'applied' when the server's COMPLETED confirms it, or
 * 'merged' when a merged answer takes it out of the queue (a conflict is marked from its event).
 * `onChange` runs after each of these (a durable device saves its bookkeeping).
 */
function trackingStore(store, tracked, counts, onChange = () => undefined) {
  return new Proxy(store, {
    get(target, name) {
      if (name === 'enqueue')
        return async (...args) => {
          const entries = await target.enqueue(...args);
          for (const e of entries) tracked.set(e.seq, { seq: e.seq, table: e.table, id: e.id, ver: e.ver });
          onChange();
          return entries;
        };
      if (name === 'confirm')
        return async (seqs) => {
          await target.confirm(seqs);
          for (const seq of seqs) if (tracked.has(seq)) tracked.get(seq).outcome ??= 'applied';
          onChange();
        };
      if (name === 'transact')
        return async (request, plan) => {
          const written = await target.transact(request, plan);
          if (!written.conflict && written.removeEntries?.length) {
            for (const seq of written.removeEntries) if (tracked.has(seq)) tracked.get(seq).outcome ??= 'merged';
            counts.merges += written.removeEntries.length;
            onChange();
          }
          return written;
        };
      const value = target[name];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * What the app reads through the client: every live record of `tables` (client.list, page by
 * page), "table\0id" -> { deleted: false, ver, data }; a deleted or unknown record is absent.
 */
async function clientViews(client, tables) {
  const views = new Map();
  for (const table of tables) {
    let after;
    for (;;) {
      const page = await client.list(table, { limit: 1000, after });
      for (const record of page)
        views.set(`${table}\u0000${record.id}`, { deleted: false, ver: record.ver, data: record.data });
      if (page.length < 1000) break;
      after = page[page.length - 1].id;
    }
  }
  return views;
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

module.exports = { clientPackage, clientViews, newStore, queueCounts, storeViews, trackingStore };

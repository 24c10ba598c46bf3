#!/usr/bin/env node
// Two RxDB databases (two tills of one store) syncing through resync with RxDB's own
// replicateRxCollection: till A creates a sale, till B pulls it, edits it, and A pulls the edit.
// The replication below is what an app copies: pull and push handlers against
// POST /rxdb/{table}/pull|push, documents { id, ver, ...fields, _deleted } (docs/watermelondb-rxdb.md).
//
//   node examples/rxdb-sync.mjs --url http://localhost:3000 --key "$KEY"
import { createRxDatabase } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    key: { type: 'string' },
  },
});
if (!args.key) {
  console.error('Pass --key <client key>');
  process.exit(2);
}

// `id` is the primary key and `ver` the server's version of the document: declare both.
const ventaSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 100 }, ver: { type: 'number' }, total: { type: 'number' } },
  required: ['id'],
};

async function openDevice(name) {
  const db = await createRxDatabase({ name, storage: getRxStorageMemory() });
  await db.addCollections({ venta: { schema: ventaSchema } });
  return db;
}

/** POSTs to resync and answers the JSON body, or throws (RxDB retries a failed push or pull). */
async function post(path, body, deviceId) {
  const response = await fetch(`${args.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${args.key}`, 'X-Device-Id': deviceId, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The app's replication of one collection, run once to the end (live: true keeps it running). */
async function sync(collection, deviceId) {
  const replication = replicateRxCollection({
    collection,
    replicationIdentifier: `resync-${collection.name}`,
    live: false,
    push: { batchSize: 100, handler: (rows) => post(`/rxdb/${collection.name}/push`, rows, deviceId) },
    pull: {
      batchSize: 500,
      handler: (checkpoint, batchSize) =>
        post(`/rxdb/${collection.name}/pull`, { checkpoint: checkpoint ?? null, batchSize }, deviceId),
    },
  });
  replication.error$.subscribe((error) => console.error('replication error (retried):', error.message));
  await replication.awaitInitialReplication();
  await replication.cancel();
}

/**
 * Syncs until `seen()` holds (20 tries): a pull serves what every transaction open at its start has
 * finished with, so a change committed a moment ago can come in the next pull.
 */
async function syncUntil(syncOnce, seen) {
  for (let tries = 0; tries < 20; tries++) {
    await syncOnce();
    if (await seen()) return;
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

const run = randomUUID().slice(0, 8);
const a = await openDevice(`till-a-${run}`);
const b = await openDevice(`till-b-${run}`);

const id = `sale-${run}`;
await a.venta.insert({ id, total: 10 });
await sync(a.venta, `till-a-${run}`);
await syncUntil(
  () => sync(b.venta, `till-b-${run}`),
  async () => (await b.venta.findOne(id).exec()) !== null,
);
console.log(`till B pulled sale ${id}: total ${(await b.venta.findOne(id).exec())?.total}`);

await (await b.venta.findOne(id).exec()).incrementalPatch({ total: 12 });
await sync(b.venta, `till-b-${run}`);
await syncUntil(
  () => sync(a.venta, `till-a-${run}`),
  async () => (await a.venta.findOne(id).exec())?.total === 12,
);
const total = (await a.venta.findOne(id).exec())?.total;
console.log(`till A pulled B's edit: total ${total}`);
await a.close();
await b.close();
if (total !== 12) {
  console.error('the two databases did not converge');
  process.exit(1);
}
console.log('rxdb: both databases agree');

#!/usr/bin/env node
// Two WatermelonDB databases (two tablets of one store) syncing through resync with Watermelon's
// own synchronize(): tablet A creates a sale, tablet B pulls it, edits it, and A pulls the edit.
// The sync functions below are what an app copies: pullChanges/pushChanges against
// GET/POST /watermelon/sync, sendCreatedAsUpdated: true (docs/watermelondb-rxdb.md).
//
//   node examples/watermelondb-sync.mjs --url http://localhost:3000 --key "$KEY"
//
// In Node, Watermelon runs on its LokiJS adapter in memory (autosave off, or the process never exits).
import { Database, Model, appSchema, tableSchema } from '@nozbe/watermelondb';
import lokijs from '@nozbe/watermelondb/adapters/lokijs/index.js';
import { synchronize } from '@nozbe/watermelondb/sync/index.js';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const LokiJSAdapter = lokijs.default; // a CommonJS module's default export, seen from ESM

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

class Venta extends Model {
  static table = 'venta';
}
// `ver` is the server's version of the record: declare it so pulls can store it.
const schema = appSchema({
  version: 1,
  tables: [
    tableSchema({
      name: 'venta',
      columns: [
        { name: 'total', type: 'number' },
        { name: 'ver', type: 'number', isOptional: true },
      ],
    }),
  ],
});

function openDevice(name) {
  const adapter = new LokiJSAdapter({
    schema,
    dbName: name,
    useWebWorker: false,
    useIncrementalIndexedDB: false,
    extraLokiOptions: { autosave: false },
  });
  return new Database({ adapter, modelClasses: [Venta] });
}

/** The app's sync: Watermelon's documented example, pointed at resync. */
function sync(database, deviceId) {
  const headers = { Authorization: `Bearer ${args.key}`, 'X-Device-Id': deviceId };
  return synchronize({
    database,
    sendCreatedAsUpdated: true,
    pullChanges: async ({ lastPulledAt, schemaVersion, migration }) => {
      const query = `last_pulled_at=${lastPulledAt}&schema_version=${schemaVersion}&migration=${encodeURIComponent(JSON.stringify(migration))}`;
      const response = await fetch(`${args.url}/watermelon/sync?${query}`, { headers });
      if (!response.ok) throw new Error(`pull ${response.status}: ${await response.text()}`);
      return response.json();
    },
    pushChanges: async ({ changes, lastPulledAt }) => {
      const response = await fetch(`${args.url}/watermelon/sync?last_pulled_at=${lastPulledAt}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(changes),
      });
      if (!response.ok) throw new Error(`push ${response.status}: ${await response.text()}`);
      return response.json();
    },
  });
}

const totalOf = async (database, id) => (await database.get('venta').find(id))._raw.total;

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
const a = openDevice(`tablet-a-${run}`);
const b = openDevice(`tablet-b-${run}`);

const id = await a.write(async () => (await a.get('venta').create((sale) => sale._setRaw('total', 10))).id);
await sync(a, `tablet-a-${run}`);
await syncUntil(
  () => sync(b, `tablet-b-${run}`),
  async () => (await b.get('venta').query().fetch()).some((sale) => sale.id === id),
);
console.log(`tablet B pulled sale ${id}: total ${await totalOf(b, id)}`);

await b.write(async () => (await b.get('venta').find(id)).update((sale) => sale._setRaw('total', 12)));
await sync(b, `tablet-b-${run}`);
await syncUntil(
  () => sync(a, `tablet-a-${run}`),
  async () => (await totalOf(a, id)) === 12,
);
const total = await totalOf(a, id);
console.log(`tablet A pulled B's edit: total ${total}`);
if (total !== 12) {
  console.error('the two databases did not converge');
  process.exit(1);
}
console.log('watermelondb: both databases agree');

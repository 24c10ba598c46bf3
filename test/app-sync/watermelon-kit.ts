import { Database, Model, appSchema, tableSchema } from '@nozbe/watermelondb';
import LokiJSAdapter from '@nozbe/watermelondb/adapters/lokijs';
import { synchronize } from '@nozbe/watermelondb/sync';
import { AuthenticatedAgent } from '@app/testing';

class Venta extends Model {
  static override table = 'venta';
}

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

let databases = 0;

/**
 * One device: a Watermelon database on its LokiJS adapter in memory. Loki's autosave (a 500 ms
 * interval timer, on by default) is what kept a plain Node script from ever exiting: it is off.
 */
export function watermelonDevice(): Database {
  const adapter = new LokiJSAdapter({
    schema,
    useWebWorker: false,
    useIncrementalIndexedDB: false,
    dbName: `wm${++databases}`,
    extraLokiOptions: { autosave: false },
  });
  return new Database({ adapter, modelClasses: [Venta] });
}

export interface WatermelonSyncOptions {
  device?: string;
  /** Answers these many pushes 503 first (the app's pushChanges throws; synchronize() fails). */
  failPushes?: { count: number };
  /** Told the size of each push's JSON body. */
  onPush?: (bytes: number) => void;
}

/** Watermelon's own synchronize() through resync's routes, written as its documentation's example. */
export async function watermelonSync(
  database: Database,
  agent: () => AuthenticatedAgent,
  options: WatermelonSyncOptions = {},
): Promise<void> {
  await synchronize({
    database,
    sendCreatedAsUpdated: true,
    pullChanges: async ({ lastPulledAt, schemaVersion, migration }) => {
      const query = `last_pulled_at=${lastPulledAt}&schema_version=${schemaVersion}&migration=${encodeURIComponent(JSON.stringify(migration))}`;
      const res = await agent().get(`/watermelon/sync?${query}`);
      if (res.status !== 200) throw new Error(`pull ${res.status}: ${res.text}`);
      return res.body;
    },
    pushChanges: async ({ changes, lastPulledAt }) => {
      if (options.failPushes && options.failPushes.count > 0) {
        options.failPushes.count -= 1;
        throw new Error('push 503: Service Unavailable');
      }
      const req = agent().post(`/watermelon/sync?last_pulled_at=${lastPulledAt}`);
      if (options.device) req.set('X-Device-Id', options.device);
      const body = JSON.stringify(changes);
      options.onPush?.(Buffer.byteLength(body));
      const res = await req.set('Content-Type', 'application/json').send(body);
      if (res.status !== 200) throw new Error(`push ${res.status}: ${res.text}`);
      return res.body;
    },
  });
}

/** A device's records as `{ id: { ver, total } }`. */
export async function watermelonState(database: Database): Promise<Record<string, Record<string, unknown>>> {
  const records = await database.get('venta').query().fetch();
  return Object.fromEntries(
    records
      .map((r) => r._raw as unknown as { id: string; ver: number | null; total: number })
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((r) => [r.id, { ver: r.ver, total: r.total }]),
  );
}

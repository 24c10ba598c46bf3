import { createRxDatabase, RxCollection, RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { AuthenticatedAgent } from '@app/testing';

let databases = 0;

/** One device: an RxDB database in memory with a `venta` collection `{ id, ver, total }`. */
export async function rxDevice(): Promise<RxDatabase> {
  const db = await createRxDatabase({ name: `device${++databases}x${Date.now()}`, storage: getRxStorageMemory() });
  await db.addCollections({
    venta: {
      schema: {
        version: 0,
        primaryKey: 'id',
        type: 'object',
        properties: { id: { type: 'string', maxLength: 100 }, ver: { type: 'number' }, total: { type: 'number' } },
        required: ['id'],
      },
    },
  });
  return db;
}

export interface SyncOptions {
  /** Answers these many pushes 503 first (RxDB retries them). */
  failPushes?: number;
  device?: string;
  pushBatchSize?: number;
}

/** One replication run (RxDB's own replicateRxCollection, not live) through resync's routes. */
export async function rxSync(
  collection: RxCollection,
  agent: () => AuthenticatedAgent,
  options: SyncOptions = {},
): Promise<{ pushes: number; failed: number; conflicts: number }> {
  let failures = options.failPushes ?? 0;
  const seen = { pushes: 0, failed: 0, conflicts: 0 };
  const replication = replicateRxCollection({
    collection,
    replicationIdentifier: 'resync-venta',
    live: false,
    retryTime: 10,
    push: {
      batchSize: options.pushBatchSize ?? 100,
      handler: async (rows) => {
        seen.pushes += 1;
        if (failures > 0) {
          failures -= 1;
          seen.failed += 1;
          throw new Error('503 Service Unavailable'); // as a fetch wrapper would on a 503
        }
        const req = agent().post(`/rxdb/${collection.name}/push`);
        if (options.device) req.set('X-Device-Id', options.device);
        const res = await req.send(rows).expect(200);
        seen.conflicts += (res.body as unknown[]).length;
        return res.body;
      },
    },
    pull: {
      batchSize: 500,
      handler: async (checkpoint, batchSize) =>
        (
          await agent()
            .post(`/rxdb/${collection.name}/pull`)
            .send({ checkpoint: checkpoint ?? null, batchSize })
            .expect(200)
        ).body,
    },
  });
  const errors: unknown[] = [];
  replication.error$.subscribe((e) => errors.push(e));
  await replication.awaitInitialReplication();
  await replication.cancel();
  return seen;
}

/** A collection's documents as plain `{ id: { ver, total } }`. */
export async function rxState(collection: RxCollection): Promise<Record<string, { ver?: number; total?: number }>> {
  const docs = await collection.find().exec();
  return Object.fromEntries(
    docs
      .map((d) => d.toJSON() as { id: string; ver?: number; total?: number })
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((d) => [d.id, { ver: d.ver, total: d.total }]),
  );
}

import { Clock, ManualClock } from '@app/common';
import { AsyncIngestWorker, TombstonePurgeService } from '@app/ingest';
import {
  OperationLogPartitionsService,
  OperationLogRetentionService,
  OperationsService,
  PARTITION_IDS,
} from '@app/operations';
import { useCitusApp } from './citus-kit';

const DAY = 86_400_000;
const clock = new ManualClock(new Date());

/**
 * The operation log's jobs on Citus (docs/scaling.md "How resync runs on Citus"): the partitions
 * job creates distributed partitions co-located with the log and moves the id sequence to them;
 * retention summarizes and drops a whole partition (never one with work in flight); the tombstone
 * purge and the stale sweep run store by store / across shards without a refused statement.
 */
describe('The operation log on Citus', () => {
  const kit = useCitusApp({
    env: { OPERATION_LOG_RETENTION: '400d' },
    overrides: [{ provide: Clock, useValue: clock }],
  });
  const partitions = () => kit.t.get<OperationLogPartitionsService>(OperationLogPartitionsService);
  const maintain = () => kit.t.prisma.withTryLock(1, (tx) => partitions().maintain(tx));
  const status = async (records: { hash_id: string }[]) =>
    (await kit.t.as('MTY').post('/records').send({ records }).expect(200)).body.results;

  it('creates distributed partitions, logs into the current one, retires past ones and purges tombstones', async () => {
    clock.set(new Date()); // after the database was made (its first partition starts then)
    const first = await maintain();
    expect(first.acquired).toBe(true);
    expect(first.result!.created).toHaveLength(2);
    // Every partition distributed with the log, co-located with the synced tables.
    const colocated = await kit.sql<{ n: number }>(
      `SELECT count(DISTINCT colocationid)::int AS n FROM pg_dist_partition
       WHERE logicalrelid::text ~ '^sync_operations_p[0-9]+$' OR logicalrelid = 'venta'::regclass`,
    );
    expect(colocated).toEqual([{ n: 1 }]);

    await kit.t.as('MTY').post('/items').send({ id: 'arch-1', total: 1 }).expect(200);
    await kit.t.as('GDL').post('/items').send({ id: 'gone-1', total: 1 }).expect(200);
    await kit.t.as('GDL').delete('/items/gone-1?ver=2').expect(200);
    await kit.t.as('MTY').post('/items').set('Prefer', 'respond-async').send({ id: 'q-1', total: 1 }).expect(202);

    // The next period: the sequence moves to its partition, and writes go there.
    const [{ starts }] = await kit.sql<{ starts: Date }>(
      `SELECT starts_at AS starts FROM sync_operation_partitions WHERE retired_at IS NULL ORDER BY first_id LIMIT 1 OFFSET 1`,
    );
    clock.set(new Date(starts.getTime() + 60_000));
    expect((await maintain()).result!.started).toMatch(/^sync_operations_p\d{8}$/);
    await kit.t.as('MTY').post('/items').send({ id: 'next-1', total: 1 }).expect(200);
    const [{ id }] = await kit.sql<{ id: string }>(`SELECT id::text FROM sync_operations WHERE record_id = 'next-1'`);
    expect(BigInt(id)).toBe(PARTITION_IDS);

    // 401 days on: the first partition holds a QUEUED operation, then none.
    clock.set(new Date(Date.now() + 401 * DAY));
    const retention = kit.t.get<OperationLogRetentionService>(OperationLogRetentionService);
    expect(await retention.retireExpired()).toEqual({ retired: [], refused: ['sync_operations_p0'] });
    expect(await kit.t.get<AsyncIngestWorker>(AsyncIngestWorker).processOnce()).toEqual({
      completed: 1,
      failed: 0,
      deferred: 0,
    });
    expect((await retention.retireExpired())?.retired).toEqual(['sync_operations_p0']);
    expect(await status([{ hash_id: 'arch-1' }])).toEqual([
      {
        hash_id: 'arch-1',
        status: 'COMPLETED',
        note: 'History archived',
        data: { _hash_id: 'arch-1', _ver: 1, total: 1 },
      },
    ]);

    // The purge (store by store) removes GDL's expired tombstone and raises its feed horizon.
    expect((await kit.t.get<TombstonePurgeService>(TombstonePurgeService).purgeExpired())!.venta).toBe(1);
    expect(await kit.sql(`SELECT _hash_id FROM venta WHERE _hash_id = 'gone-1'`)).toEqual([]);
    expect(await kit.sql(`SELECT client_id FROM sync_feed_horizons WHERE table_name = 'venta'`)).toEqual([
      { client_id: 'GDL_002' },
    ]);
    // The stale sweep reads the PROCESSING list (empty on Citus) joined to the log: no refused statement.
    await expect(kit.t.get<OperationsService>(OperationsService).markStaleAsError()).resolves.toBe(0);
  });
});

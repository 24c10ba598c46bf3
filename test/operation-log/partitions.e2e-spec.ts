import { Clock, ManualClock } from '@app/common';
import { Jobs } from '@app/scheduling';
import { OperationLogCompactionService, OperationLogPartitionsCron, PARTITION_IDS } from '@app/operations';
import { useAsyncApp } from '../async/async-kit';

const clock = new ManualClock(new Date('2026-12-15T12:00:00.000Z'));

/**
 * The partitions job (docs/operation-log.md) creates the log's partitions ahead, and when a period
 * starts every write path logs into its partition: synchronous writes, asynchronous acceptance and
 * the workers' completion (which finds the QUEUED rows by id, in the same partition).
 */
describe('operation log partitions', () => {
  const kit = useAsyncApp({}, [{ provide: Clock, useValue: clock }]);
  const run = () =>
    kit.t.get<Jobs>(Jobs).runOnce(kit.t.get<OperationLogPartitionsCron>(OperationLogPartitionsCron).job);
  const partitionOf = async (recordId: string) =>
    (
      await kit.t.prisma.$queryRawUnsafe<{ partition: string; status: string }[]>(
        `SELECT tableoid::regclass::text AS partition, status::text FROM sync_operations WHERE record_id = $1 ORDER BY id`,
        recordId,
      )
    ).map((r) => `${r.partition} ${r.status}`);

  it('creates partitions ahead, once, and every write path uses the current period’s', async () => {
    expect(await run()).toEqual({
      ran: true,
      result: { created: ['sync_operations_p20270101', 'sync_operations_p20270201'], started: null },
    });
    expect(await run()).toEqual({ ran: true, result: { created: [], started: null } });
    // Each with the job operations' partition of the same range.
    const bounds = (table: string) =>
      kit.t.prisma.$queryRawUnsafe<{ suffix: string; bound: string }[]>(
        `SELECT substring(p.relid::regclass::text from '_p[0-9]+') AS suffix, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_partition_tree($1::regclass) p JOIN pg_class c ON c.oid = p.relid WHERE p.isleaf ORDER BY 1`,
        table,
      );
    expect(await bounds('sync_job_operations')).toEqual(await bounds('sync_operations'));
    expect((await bounds('sync_job_operations')).map((b) => b.suffix)).toEqual(['_p0', '_p20270101', '_p20270201']);
    await kit.mty().post('/items').send({ id: 'dec-1', total: 1 }).expect(200);
    expect(await partitionOf('dec-1')).toEqual(['sync_operations_p0 COMPLETED']);

    clock.set(new Date('2027-01-01T00:00:05.000Z'));
    expect(await run()).toEqual({
      ran: true,
      result: { created: ['sync_operations_p20270301'], started: 'sync_operations_p20270101' },
    });
    await kit.mty().post('/items').send({ id: 'jan-1', total: 1 }).expect(200);
    await kit
      .mty()
      .post('/tables/venta/batch')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'jan-2', total: 2 } }] })
      .expect(200);
    await kit
      .async(
        kit
          .mty()
          .post('/tables/venta/batch')
          .send({ operations: [{ operation: 'CREATE', record: { id: 'jan-3' } }] }),
      )
      .expect(202);
    await kit.async(kit.mty().put('/items/dec-1').send({ ver: 2, total: 5 })).expect(202);
    expect(await partitionOf('jan-3')).toEqual(['sync_operations_p20270101 QUEUED']);
    // The jobs of the asynchronous writes, listed in the same period's partition of job operations.
    const jobs = await kit.t.prisma.$queryRawUnsafe<{ partition: string; n: number }[]>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS n FROM sync_job_operations GROUP BY 1`,
    );
    expect(jobs).toEqual([{ partition: 'sync_job_operations_p20270101', n: 2 }]);
    expect(await kit.drain()).toEqual({ completed: 2, failed: 0 });

    expect(await partitionOf('jan-1')).toEqual(['sync_operations_p20270101 COMPLETED']);
    expect(await partitionOf('jan-2')).toEqual(['sync_operations_p20270101 COMPLETED']);
    expect(await partitionOf('jan-3')).toEqual(['sync_operations_p20270101 COMPLETED']);
    // A record's history spans partitions, in id order, and its status reads across them.
    expect(await partitionOf('dec-1')).toEqual(['sync_operations_p0 COMPLETED', 'sync_operations_p20270101 COMPLETED']);
    const status = await kit.mty().post('/records').send({ hash_id: 'dec-1' }).expect(200);
    expect(status.body).toMatchObject({ status: 'COMPLETED', data: { _ver: 2, total: 5 } });
    const [{ min }] = await kit.t.prisma.$queryRawUnsafe<{ min: string }[]>(
      `SELECT min(id)::text AS min FROM sync_operations WHERE record_id LIKE 'jan-%'`,
    );
    expect(BigInt(min)).toBe(PARTITION_IDS);
    // New partitions take OPERATION_LOG_FILLFACTOR.
    const [{ options }] = await kit.t.prisma.$queryRawUnsafe<{ options: string[] }[]>(
      `SELECT reloptions AS options FROM pg_class WHERE relname = 'sync_operations_p20270101'`,
    );
    expect(options).toEqual(['fillfactor=50']);
  });

  it("compacts a closed partition packed: the same rows, fillfactor 100, the log's indexes and triggers, never with operations in flight", async () => {
    const compaction = kit.t.get<OperationLogCompactionService>(OperationLogCompactionService);
    const rows = () =>
      kit.t.prisma.$queryRawUnsafe<{ row: unknown }[]>(
        `SELECT to_jsonb(o) AS row FROM sync_operations_p0 o ORDER BY id`,
      );
    await kit.t.prisma.$executeRawUnsafe(
      `INSERT INTO sync_operations (id, table_name, record_id, client_id, operation, status, payload)
       VALUES (900000000, 'venta', 'late-1', 'MTY_001', 'CREATE', 'QUEUED', '{}')`,
    );
    expect(await compaction.compactClosed()).toEqual({ compacted: [], busy: ['sync_operations_p0'] });
    await kit.t.prisma.$executeRawUnsafe(`DELETE FROM sync_operations WHERE id = 900000000`);
    const before = await rows();

    expect(await compaction.compactClosed()).toEqual({ compacted: ['sync_operations_p0'], busy: [] });
    expect(await compaction.compactClosed()).toEqual({ compacted: [], busy: [] });

    expect(await rows()).toEqual(before);
    const [shape] = await kit.t.prisma.$queryRawUnsafe<
      { options: string[]; indexes: number; parent: number; triggers: number }[]
    >(
      `SELECT c.reloptions AS options,
              (SELECT count(*)::int FROM pg_index x WHERE x.indrelid = c.oid) AS indexes,
              (SELECT count(*)::int FROM pg_index x WHERE x.indrelid = 'sync_operations'::regclass) AS parent,
              (SELECT count(*)::int FROM pg_trigger t WHERE t.tgrelid = c.oid) AS triggers
       FROM pg_class c WHERE c.relname = 'sync_operations_p0'`,
    );
    expect(shape).toEqual({ options: ['fillfactor=100'], indexes: shape.parent, parent: 2, triggers: 3 });
    const status = await kit.mty().post('/records').send({ hash_id: 'dec-1', ver: 1 }).expect(200);
    expect(status.body).toMatchObject({ status: 'COMPLETED' });
    // Its rows still move through the processing list (the log's triggers, cloned on attaching).
    await kit.t.prisma.$executeRawUnsafe(
      `UPDATE sync_operations SET status = 'PROCESSING' WHERE record_id = 'dec-1' AND batch_version = 1`,
    );
    const [{ n }] = await kit.t.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM sync_operations_processing`,
    );
    expect(n).toBe(1);
  });

  it('keeps making the next period’s partitions, in id order, past the tenth (ids sorted as numbers, not text)', async () => {
    // Runs after the first test: partitions up to March 2027 exist, January's is current.
    const name = (month: number) =>
      `sync_operations_p${new Date(Date.UTC(2027, month, 1)).toISOString().slice(0, 10).replaceAll('-', '')}`;
    for (let month = 1; month <= 11; month++) {
      clock.set(new Date(Date.UTC(2027, month, 1, 0, 0, 5)));
      expect(await run()).toEqual({ ran: true, result: { created: [name(month + 2)], started: name(month) } });
    }
    await kit.mty().post('/items').send({ id: 'dec-2027', total: 1 }).expect(200);
    expect(await partitionOf('dec-2027')).toEqual([`${name(11)} COMPLETED`]);
  });
});

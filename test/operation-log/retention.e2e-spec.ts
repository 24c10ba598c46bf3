import { Clock, ManualClock } from '@app/common';
import { TombstonePurgeService } from '@app/ingest';
import { OperationLogPartitionsService, OperationLogRetentionService } from '@app/operations';
import { useAsyncApp } from '../async/async-kit';

const DAY = 86_400_000;
const clock = new ManualClock(new Date());

/**
 * Retention (docs/operation-log.md): whole partitions past OPERATION_LOG_RETENTION are dropped,
 * never one holding an operation in flight; what the status decision table needs survives as
 * record heads. In one test, the two ways a history can go: retired on purpose (COMPLETED,
 * "History archived") and deleted behind the app's back (ERROR, exactly as before).
 */
describe('operation log retention', () => {
  const kit = useAsyncApp({ OPERATION_LOG_RETENTION: '400d' }, [{ provide: Clock, useValue: clock }]);
  const partitions = () => kit.t.get<OperationLogPartitionsService>(OperationLogPartitionsService);
  const retention = () => kit.t.get<OperationLogRetentionService>(OperationLogRetentionService);
  const withPartitions = (work: (tx: never) => Promise<unknown>) => kit.t.prisma.withTryLock(1, work as never);
  const statusOf = async (records: { hash_id: string; ver?: number }[]) =>
    (await kit.mty().post('/records').send({ records }).expect(200)).body.results;

  it('retires old partitions once nothing is in flight; archived history answers COMPLETED, operations deleted by hand ERROR', async () => {
    await withPartitions((tx) => partitions().maintain(tx));
    await kit.mty().post('/items').send({ id: 'arch-1', total: 1, id_cola: 'job-a' }).expect(200);
    await kit.mty().post('/items').send({ id: 'arch-2', total: 1, id_cola: 'job-span' }).expect(200);
    await kit.mty().put('/items/arch-2').send({ ver: 2, total: 2 }).expect(200);
    await kit.mty().post('/items').send({ id: 'del-1', total: 1 }).expect(200);
    await kit.mty().delete('/items/del-1?ver=2').expect(200);
    await kit.mty().post('/items').send({ id: 'lost-1', total: 1 }).expect(200);
    await kit.async(kit.mty().post('/items').send({ id: 'q-1', total: 1 })).expect(202); // QUEUED, no worker yet

    // Two periods later, operations go to a new partition; one record's operations vanish there by hand.
    const first = await kit.t.prisma.$queryRawUnsafe<{ starts_at: Date }[]>(
      `SELECT starts_at FROM sync_operation_partitions ORDER BY first_id DESC LIMIT 1`,
    );
    clock.set(new Date(first[0].starts_at.getTime() + 60_000));
    await withPartitions((tx) => partitions().maintain(tx));
    await kit.mty().post('/items').send({ id: 'hand-1', total: 1 }).expect(200);
    await kit.mty().post('/items').send({ id: 'span-2', total: 1, id_cola: 'job-span' }).expect(200);
    await kit.t.prisma.$executeRawUnsafe(`DELETE FROM sync_operations WHERE record_id = 'hand-1'`);

    // 401 days on, the first partition is past the retention, but holds a QUEUED operation.
    clock.set(new Date(Date.now() + 401 * DAY));
    expect(await retention().retireExpired()).toEqual({ retired: [], refused: ['sync_operations_p0'] });
    expect(await statusOf([{ hash_id: 'arch-1' }])).toEqual([
      { hash_id: 'arch-1', status: 'COMPLETED', data: { _hash_id: 'arch-1', _ver: 1, total: 1 } },
    ]);

    expect(await kit.drain()).toEqual({ completed: 1, failed: 0 });
    const run = await retention().retireExpired();
    expect(run?.refused).toEqual([]);
    expect(run?.retired[0]).toBe('sync_operations_p0');
    expect(await retention().retireExpired()).toEqual({ retired: [], refused: [] });
    const { rows } = {
      rows: await kit.t.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM sync_operations WHERE record_id <> 'hand-1'`,
      ),
    };
    expect(rows[0].n).toBe(1); // span-2, in the current period
    // The job operations' partition of the same range went with it; its jobs' counts live on as heads.
    const jobPartitions = await kit.t.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT relid::regclass::text AS name FROM pg_partition_tree('sync_job_operations') WHERE isleaf ORDER BY 1`,
    );
    expect(jobPartitions.map((p) => p.name)).not.toContain('sync_job_operations_p0');
    const heads = await kit.t.prisma.$queryRawUnsafe<{ queue_id: string; archived: number }[]>(
      `SELECT queue_id, archived FROM sync_job_heads ORDER BY queue_id`,
    );
    expect(heads.filter((h) => h.queue_id.startsWith('job-'))).toEqual([
      { queue_id: 'job-a', archived: 1 },
      { queue_id: 'job-span', archived: 1 },
    ]);

    // The deleted record's tombstone is purged too (TOMBSTONE_RETENTION, shorter); a row vanishes by hand.
    await kit.t.get<TombstonePurgeService>(TombstonePurgeService).purgeExpired();
    await kit.t.prisma.$executeRawUnsafe(`DELETE FROM venta WHERE _hash_id = 'lost-1'`);

    expect(
      await statusOf([
        { hash_id: 'arch-1' },
        { hash_id: 'arch-2', ver: 1 },
        { hash_id: 'q-1' },
        { hash_id: 'del-1' },
        { hash_id: 'lost-1' },
        { hash_id: 'hand-1' },
      ]),
    ).toEqual([
      {
        hash_id: 'arch-1',
        status: 'COMPLETED',
        note: 'History archived',
        data: { _hash_id: 'arch-1', _ver: 1, total: 1 },
      },
      {
        hash_id: 'arch-2',
        status: 'COMPLETED',
        note: 'History archived',
        data: { _hash_id: 'arch-2', _ver: 2, total: 2 },
      },
      { hash_id: 'q-1', status: 'COMPLETED', note: 'History archived', data: { _hash_id: 'q-1', _ver: 1, total: 1 } },
      { hash_id: 'del-1', status: 'COMPLETED', note: 'Record was deleted', data: null },
      {
        hash_id: 'lost-1',
        status: 'ERROR',
        error_details: expect.stringMatching(/^Operation CREATE marked as COMPLETED but record not found/),
        data: null,
      },
      {
        hash_id: 'hand-1',
        status: 'ERROR',
        error_details:
          'Operation record missing but data exists in main table - please resend to recreate operation history',
        data: null,
      },
    ]);

    // Monitoring: the retired histories are not missing, the deleted record is not lost, the others are.
    const missing = await kit.t.as('admin').get('/monitoring/missing-operations?table=venta').expect(200);
    expect(
      missing.body.tables[0].clients.map((c: { records: { hash_id: string }[] }) => c.records.map((r) => r.hash_id)),
    ).toEqual([['hand-1']]);
    const lost = await kit.t.as('admin').get('/monitoring/lost-rows?table=venta').expect(200);
    expect(
      lost.body.tables[0].clients.map((c: { records: { hash_id: string }[] }) => c.records.map((r) => r.hash_id)),
    ).toEqual([['lost-1']]);

    // Job progress and history say what was archived (fields present only then).
    const job = await kit.mty().get('/jobs/job-a').expect(200);
    expect(job.body).toMatchObject({ status: 'COMPLETED', total: 1, completed: 0, archived: 1, errors: [] });
    const span = await kit.mty().get('/jobs/job-span').expect(200);
    expect(span.body).toMatchObject({ status: 'COMPLETED', total: 2, completed: 1, archived: 1, errors: [] });
    const history = await kit.mty().get('/items/arch-2/history').expect(200);
    expect(history.body).toEqual({
      hash_id: 'arch-2',
      table: 'venta',
      operations: [],
      archived: {
        operation_id: expect.any(String),
        operation: 'UPDATE',
        status: 'COMPLETED',
        batch_version: 2,
        created_at: expect.any(String),
      },
    });
    expect((await kit.mty().get('/items/hand-1/history').expect(200)).body).toEqual({
      hash_id: 'hand-1',
      table: 'venta',
      operations: [],
    });

    // A resend of an archived record is a duplicate, and its status then reads the log again.
    await kit.mty().post('/items').send({ id: 'arch-1', total: 1 }).expect(200);
    expect((await statusOf([{ hash_id: 'arch-1' }]))[0]).toEqual({
      hash_id: 'arch-1',
      status: 'COMPLETED',
      data: { _hash_id: 'arch-1', _ver: 1, total: 1 },
    });
  });
});

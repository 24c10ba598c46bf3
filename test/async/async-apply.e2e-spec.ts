import { AsyncIngestWorker } from '@app/ingest';
import { Metrics } from '@app/metrics';
import { recordId, TestApp, whileRefusingPoison } from '@app/testing';
import { sample } from '../metrics/metrics-text';
import { useAsyncApp, whileHolding } from './async-kit';

/** What the workers apply: the same outcomes as synchronous ingest, in acceptance order, with outbox entries and metrics. */
describe('Asynchronous ingest', () => {
  const kit = useAsyncApp();
  const { mty, async, statusOf, history, drain } = kit;
  let t: TestApp;
  let worker: AsyncIngestWorker;
  beforeAll(() => {
    ({ t, worker } = kit);
  });

  it('applies every case of the synchronous path with the same outcome and note', async () => {
    // The same sequence, once synchronously and once asynchronously (one request at a time, drained after each).
    const steps: [string, string, Record<string, unknown>][] = [
      ['CREATE', 'POST', { ver: 2, total: 1 }], // created
      ['CREATE', 'POST', { ver: 2, total: 99 }], // duplicate
      ['UPDATE', 'PUT', { ver: 1, total: 0 }], // stale
      ['UPDATE', 'PUT', { ver: 3, total: 3 }], // updated
      ['DELETE', 'DELETE', { ver: 2 }], // stale delete
      ['DELETE', 'DELETE', { ver: 4 }], // deleted
      ['DELETE', 'DELETE', { ver: 4 }], // already deleted
      ['CREATE', 'POST', { ver: 4, total: 4 }], // stale over the tombstone
      ['UPDATE', 'PUT', { ver: 5, total: 5 }], // brought back: created by update
    ];
    const run = async (id: string, asynchronous: boolean) => {
      for (const [, method, body] of steps) {
        const path = method === 'POST' ? '/items' : method === 'PUT' ? `/items/${id}` : `/items/${id}?ver=${body.ver}`;
        let req =
          method === 'POST'
            ? mty()
                .post(path)
                .send({ id, ...body })
            : method === 'PUT'
              ? mty().put(path).send(body)
              : mty().delete(path);
        if (asynchronous) req = req.set('Prefer', 'respond-async');
        await req.expect(asynchronous ? 202 : 200);
        if (asynchronous) await drain();
      }
      return {
        history: (await history(id)).map((o: { operation: string; status: string; note: string | null }) => [
          o.operation,
          o.status,
          o.note,
        ]),
        status: await statusOf(id),
      };
    };
    const [syncId, asyncId] = [recordId('sync'), recordId('async')];
    const sync = await run(syncId, false);
    const queued = await run(asyncId, true);
    expect(queued.history).toEqual(sync.history);
    expect(sync.history.map((h: unknown[]) => h[2])).toEqual([
      null,
      'Duplicate bypassed',
      'Stale version ignored',
      null,
      'Stale version ignored',
      null,
      'Already deleted',
      'Stale version ignored',
      'Record did not exist - created by update',
    ]);
    expect(queued.status).toEqual({
      ...sync.status,
      hash_id: asyncId,
      data: { ...sync.status.data, _hash_id: asyncId },
    });
    expect(queued.status.data).toEqual({ _hash_id: asyncId, _ver: 5, total: 5 });
  });

  const queueThree = async (id: string) => {
    await async(mty().post('/tables/venta/batch'))
      .send({ operations: [{ operation: 'UPDATE', record: { id, id_cola: 'order-1', total: 1 } }] })
      .expect(202);
    await async(mty().post('/tables/venta/batch'))
      .send({ operations: [{ operation: 'UPDATE', record: { id, id_cola: 'order-2', total: 2 } }] })
      .expect(202);
    await async(mty().put(`/items/${id}`))
      .send({ id_cola: 'order-3', total: 3 })
      .expect(202);
  };
  const expectAppliedInOrder = async (id: string) => {
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 1, total: 3 });
    expect((await history(id)).map((o: { queue_id: string; note: string | null }) => [o.queue_id, o.note])).toEqual([
      ['order-1', 'Record did not exist - created by update'],
      ['order-2', null],
      ['order-3', null],
    ]);
  };

  it("applies a record's operations of several jobs in acceptance order, round after round in one batch", async () => {
    const id = recordId();
    await queueThree(id);

    expect(await worker.processOnce()).toEqual({ completed: 3, failed: 0, deferred: 0 });

    await expectAppliedInOrder(id);
  });

  it("leaves a record's later operations QUEUED while another worker holds its oldest one", async () => {
    const [id, other] = [recordId(), recordId()];
    await queueThree(id);
    await async(mty().post('/items')).send({ id: other, total: 9 }).expect(202);
    const [oldest] = await t.prisma.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM sync_operations WHERE record_id = ${id} AND queue_id = 'order-1'`;

    await whileHolding(t.prisma, oldest.id, async () => {
      // Only the other record applies; the held record's two later operations wait behind the held one.
      expect(await worker.processOnce()).toEqual({ completed: 1, failed: 0, deferred: 2 });
      expect((await statusOf(other)).status).toBe('COMPLETED');
      expect((await statusOf(id, { id_cola: 'order-2' })).status).toBe('PROCESSING');
      expect((await statusOf(id, { id_cola: 'order-3' })).status).toBe('PROCESSING');
    });

    await drain();
    await expectAppliedInOrder(id);
  });

  it('a synchronous write to a record with queued operations joins the queue behind them instead of overtaking them', async () => {
    const [id, other] = [recordId(), recordId()];
    await async(mty().post('/items')).send({ id, id_cola: 'mixed', total: 1 }).expect(202);
    const single = await mty().put(`/items/${id}`).send({ total: 2 }).expect(202);
    expect(single.body).toMatchObject({ status: 'accepted', id_cola: null, hash_id: id, operation: 'UPDATE' });
    const batch = await mty()
      .post('/tables/venta/batch')
      .send({
        operations: [
          { operation: 'UPDATE', record: { id, total: 3, id_cola: 'sync-job' } },
          { operation: 'CREATE', record: { id: other } },
        ],
      })
      .expect(200);
    expect(batch.body).toMatchObject({ completed: 1, failed: 0, queued: 1 });
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['QUEUED', 'COMPLETED']);
    expect((await statusOf(id)).status).toBe('PROCESSING');

    await drain();
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 1, total: 3 });
    expect((await history(id)).map((o: { operation: string; status: string }) => `${o.operation} ${o.status}`)).toEqual(
      ['CREATE COMPLETED', 'UPDATE COMPLETED', 'UPDATE COMPLETED'],
    );
    // Once the queue is empty for the record, synchronous writes apply at once again.
    expect((await mty().put(`/items/${id}`).send({ total: 4 }).expect(200)).body.status).toBe('success');
  });

  it('a record the database refuses in the worker becomes ERROR alone; the rest of its batch is applied', async () => {
    // A constraint the acceptance cannot know of (it checks nothing but the queue row): a stand-in
    // for any record the table refuses once a worker applies it.
    await whileRefusingPoison(t.prisma, 'venta', async () => {
      const [good, bad, other] = [recordId(), recordId(), recordId()];
      await async(mty().post('/tables/venta/batch'))
        .send({
          operations: [
            { operation: 'CREATE', record: { id: good, id_cola: 'refused-in-worker', total: 1 } },
            { operation: 'CREATE', record: { id: bad, id_cola: 'refused-in-worker', poison: true } },
            { operation: 'CREATE', record: { id: other, id_cola: 'refused-in-worker', total: 3 } },
          ],
        })
        .expect(202);

      expect(await drain()).toEqual({ completed: 2, failed: 1 });

      expect((await statusOf(good)).status).toBe('COMPLETED');
      expect((await statusOf(other)).status).toBe('COMPLETED');
      const refused = await statusOf(bad);
      expect(refused.status).toBe('ERROR');
      expect(refused.error_details).toMatch(/^Could not be stored: .*refuses_poison/);
      const job = (await mty().get('/jobs/refused-in-worker').expect(200)).body;
      expect(job).toMatchObject({ total: 3, completed: 2, error: 1 });
      expect(job.errors.map((e: { hash_id: string }) => e.hash_id)).toEqual([bad]);
      const rows = await t.prisma.$queryRaw<{ id: string }[]>`
        SELECT _hash_id AS id FROM venta WHERE _hash_id IN (${good}, ${bad}, ${other}) ORDER BY _hash_id`;
      expect(rows.map((r) => r.id).sort()).toEqual([good, other].sort());
    });
  });

  it('writes outbox entries for the changes a worker applies, keyed by the queued operation id', async () => {
    const id = recordId();
    const res = await async(mty().post('/items')).send({ id, total: 9 }).expect(202);
    const before = await t.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM sync_outbox WHERE record_id = ${id}`;
    expect(before[0].n).toBe(0);
    await drain();
    const outbox = await t.prisma.$queryRaw<{ operation_id: bigint; action: string; payload: unknown }[]>`
      SELECT operation_id, action::text, payload FROM sync_outbox WHERE record_id = ${id}`;
    expect(outbox).toEqual([
      { operation_id: BigInt(res.body.operation_id), action: 'CREATE', payload: { _hash_id: id, _ver: 1, total: 9 } },
    ]);
  });

  it('counts applied operations in the metrics like synchronous ones, once applied (not when queued)', async () => {
    const created = async () =>
      sample(await t.get<Metrics>(Metrics).text(), 'resync_ingest_operations_total', {
        table: 'venta',
        operation: 'CREATE',
        outcome: 'created',
      }) ?? 0;
    const duplicates = async () =>
      sample(await t.get<Metrics>(Metrics).text(), 'resync_ingest_operations_total', {
        table: 'venta',
        operation: 'CREATE',
        outcome: 'duplicate',
      }) ?? 0;
    const [id, before, beforeDuplicates] = [recordId(), await created(), await duplicates()];
    await async(mty().post('/tables/venta/batch'))
      .send({
        operations: [
          { operation: 'CREATE', record: { id } },
          { operation: 'CREATE', record: { id: recordId() } },
        ],
      })
      .expect(202);
    expect(await created()).toBe(before);
    await drain();
    expect(await created()).toBe(before + 2);
    await async(mty().post('/items')).send({ id }).expect(202);
    await drain();
    expect(await duplicates()).toBe(beforeDuplicates + 1);
  });
});

import { Metrics } from '@app/metrics';
import { recordId, whileRefusingPoison } from '@app/testing';
import { HeadRow, IngestRepository } from '../../libs/ingest/src/ingest.repository';
import { useAsyncApp, whileHolding } from './async-kit';

/**
 * Without an outbox to write (no EXTERNAL_SYNC_URL), a worker's batch starts with ONE statement
 * that claims the queue's head entry and applies it whole (IngestRepository.applyHead): taken when
 * it is the table's, fills the batch or is alone in the queue, and needs no care; else the
 * transactional ways apply it exactly as before.
 */
describe('Asynchronous ingest: the queue head applied by one statement', () => {
  const kit = useAsyncApp({ EXTERNAL_SYNC_URL: '' });
  const { mty, async, statusOf, history } = kit;
  const CREATE = (id: string, more: Record<string, unknown> = {}) => ({ operation: 'CREATE', record: { id, ...more } });

  /** Queues one batch (one entry) into `table` and returns its operations' ids. */
  const queue = async (operations: unknown[], table = 'venta'): Promise<string[]> => {
    const res = await async(mty().post(`/tables/${table}/batch`))
      .send({ operations })
      .expect(202);
    return res.body.results.map((r: { operation_id: string }) => r.operation_id);
  };
  /** One worker batch of `limit`: what it did, what the head statement answered each time, and whether a transaction ran. */
  const processOnce = async (limit: number) => {
    const repository = kit.t.get<IngestRepository>(IngestRepository);
    const head = jest.spyOn(repository, 'applyHead');
    const transaction = jest.spyOn(kit.t.prisma, 'pgTransaction');
    try {
      const done = await kit.worker.processOnce(limit);
      const answers = await Promise.all(
        head.mock.results.map((r) =>
          (r.value as Promise<HeadRow>).then(
            (row) => row,
            () => 'refused' as const,
          ),
        ),
      );
      return { done, answers, transaction: transaction.mock.calls.length > 0 };
    } finally {
      head.mockRestore();
      transaction.mockRestore();
    }
  };
  const entries = async (ids: string[]) =>
    (
      await kit.t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM sync_queue WHERE operation_ids && ${ids.map(BigInt)}::bigint[]`
    )[0].n;
  const notes = async (ids: string[]) =>
    (
      await kit.t.prisma.$queryRaw<{ status: string; note: string | null }[]>`
        SELECT status::text, note FROM sync_operations WHERE id = ANY(${ids.map(BigInt)}::bigint[]) ORDER BY id`
    ).map((o) => `${o.status}${o.note ? ` (${o.note})` : ''}`);

  beforeEach(() => kit.drain());

  it('applies a batch-filling head entry in one statement, outside any transaction, and removes it', async () => {
    const [a, b, dup] = [recordId(), recordId(), recordId()];
    await mty()
      .post('/tables/venta/batch')
      .send({ operations: [CREATE(dup)] })
      .expect(200);
    const ids = await queue([CREATE(a, { total: 1 }), CREATE(b, { total: 2 }), CREATE(dup)]);
    const applied = jest.spyOn(kit.t.get<Metrics>(Metrics), 'applied');

    const run = await processOnce(3);

    expect(run.done).toEqual({ completed: 3, failed: 0, deferred: 0 });
    expect(run.transaction).toBe(false);
    expect(run.answers).toEqual([
      {
        head: ids[0],
        table_name: 'venta',
        stop: false,
        counts: expect.arrayContaining([
          { operation: 'CREATE', outcome: 'created', n: 2 },
          { operation: 'CREATE', outcome: 'duplicate', n: 1 },
        ]),
      },
    ]);
    expect(await entries(ids)).toBe(0);
    expect(await notes(ids)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED (Duplicate bypassed)']);
    expect((await statusOf(b)).data).toEqual({ _hash_id: b, _ver: 1, total: 2 });
    // Counted once, like a synchronous request's operations.
    expect(applied).toHaveBeenCalledTimes(1);
    expect(applied.mock.calls[0][1].map((x) => x.note ?? 'applied').sort()).toEqual([
      'Duplicate bypassed',
      'applied',
      'applied',
    ]);
    applied.mockRestore();
  });

  it("applies a head entry of another table with that table's statement", async () => {
    await queue([CREATE(recordId())]);
    await processOnce(1); // the worker's last table: venta
    const [r, v] = [recordId(), recordId()];
    const returns = await queue([CREATE(r, { total: 5 })], 'devolucion');
    const sales = await queue([CREATE(v)]);
    const seen = (answers: (HeadRow | 'refused')[]) =>
      answers.map((a) => (a === 'refused' ? a : [a.head, a.table_name, a.stop]));

    const first = await processOnce(1);

    expect(first.done).toEqual({ completed: 1, failed: 0, deferred: 0 });
    expect(first.transaction).toBe(false);
    // venta's statement saw a devolucion head and took nothing; devolucion's took it.
    expect(seen(first.answers)).toEqual([
      [returns[0], 'devolucion', true],
      [returns[0], 'devolucion', false],
    ]);
    expect(await entries(returns)).toBe(0);
    expect(await entries(sales)).toBe(1);

    const second = await processOnce(1);

    expect(seen(second.answers)).toEqual([
      [sales[0], 'venta', true],
      [sales[0], 'venta', false],
    ]);
    expect((await statusOf(r, {}, 'devolucion')).data).toEqual({ _hash_id: r, _ver: 1, total: 5 });
    expect((await statusOf(v)).status).toBe('COMPLETED');
  });

  it('leaves an entry smaller than the batch, with others behind it, to the long way, which gathers them', async () => {
    const [a, b] = [recordId(), recordId()];
    const first = await queue([CREATE(a)]);
    const second = await queue([CREATE(b)]);

    const run = await processOnce(10);

    expect(run.answers).toEqual([{ head: first[0], table_name: 'venta', stop: true, counts: null }]);
    expect(run.transaction).toBe(true);
    expect(run.done).toEqual({ completed: 2, failed: 0, deferred: 0 });
    expect(await entries([...first, ...second])).toBe(0);
  });

  it('takes a small entry alone in the queue (the low-load case) in one statement', async () => {
    const id = recordId();
    const ids = await queue([CREATE(id)]);

    const run = await processOnce(1000);

    expect(run).toEqual({
      done: { completed: 1, failed: 0, deferred: 0 },
      answers: [
        { head: ids[0], table_name: 'venta', stop: false, counts: [{ operation: 'CREATE', outcome: 'created', n: 1 }] },
      ],
      transaction: false,
    });
  });

  it("skips an entry another worker holds, and leaves a record's later operation to the long way behind it", async () => {
    const [held, free] = [recordId(), recordId()];
    const [first] = await queue([CREATE(held, { total: 1 })]);
    const ids = await queue([{ operation: 'UPDATE', record: { id: held, ver: 2, total: 2 } }, CREATE(free)]);

    await whileHolding(kit.t.prisma, first, async () => {
      const run = await processOnce(2);
      // The head statement saw the second entry (the first is held), stopped at the held record's update.
      expect(run.answers).toEqual([{ head: ids[0], table_name: 'venta', stop: true, counts: null }]);
      expect(run.done).toEqual({ completed: 1, failed: 0, deferred: 1 });
      expect((await statusOf(free)).status).toBe('COMPLETED');
      expect((await statusOf(held)).status).toBe('PROCESSING');
    });

    await kit.drain();
    expect((await statusOf(held)).data).toEqual({ _hash_id: held, _ver: 2, total: 2 });
    expect((await history(held)).map((o: { status: string }) => o.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('applies the head entry whole while another worker holds an older entry of other records', async () => {
    const [heldFirst, other] = [recordId(), recordId()];
    const [first] = await queue([CREATE(heldFirst)]);
    const ids = await queue([CREATE(other), CREATE(recordId())]);
    await whileHolding(kit.t.prisma, first, async () => {
      const run = await processOnce(2);
      expect(run.answers).toEqual([
        { head: ids[0], table_name: 'venta', stop: false, counts: [{ operation: 'CREATE', outcome: 'created', n: 2 }] },
      ]);
      expect(run.transaction).toBe(false);
      expect(await entries(ids)).toBe(0);
    });
  });

  it('stops at a record whose OLDEST operation in an entry ahead is older than the claimed one, though a newer one is there too', async () => {
    const [r, x] = [recordId(), recordId()];
    const [older] = await queue([CREATE(r, { total: 1 })]);
    const ids = await queue([{ operation: 'UPDATE', record: { id: r, ver: 2, total: 2 } }, CREATE(x)]);
    const [newer] = await queue([{ operation: 'UPDATE', record: { id: r, ver: 3, total: 3 } }]);
    // The first entry, held by another worker, holds r's oldest operation and its newest (by hand:
    // concurrent acceptances interleave ids so); the claimed entry's update of r lies between them.
    await kit.t.prisma.$executeRaw`
      UPDATE sync_queue SET operation_ids = ${[BigInt(older), BigInt(newer)]}::bigint[], size = 2 WHERE operation_id = ${BigInt(older)}`;
    await kit.t.prisma.$executeRaw`DELETE FROM sync_queue WHERE operation_id = ${BigInt(newer)}`;
    await whileHolding(kit.t.prisma, older, async () => {
      const run = await processOnce(2);
      expect(run.answers).toEqual([{ head: ids[0], table_name: 'venta', stop: true, counts: null }]);
      expect(run.done).toEqual({ completed: 1, failed: 0, deferred: 1 });
      expect((await statusOf(x)).status).toBe('COMPLETED');
      expect((await statusOf(r)).status).toBe('PROCESSING');
    });
  });

  it('leaves an entry with a record the database refuses to the long way: it alone becomes ERROR', async () => {
    await whileRefusingPoison(kit.t.prisma, 'venta', async () => {
      const [good, bad] = [recordId(), recordId()];
      const ids = await queue([CREATE(good), CREATE(bad, { poison: true })]);

      const run = await processOnce(2);

      expect(run.answers).toEqual(['refused']);
      expect(run.done).toEqual({ completed: 1, failed: 1, deferred: 0 });
      expect(await entries(ids)).toBe(0);
      expect((await statusOf(good)).status).toBe('COMPLETED');
      expect((await statusOf(bad)).status).toBe('ERROR');
    });
  });

  it('answers an empty queue with one statement and no transaction', async () => {
    expect(await processOnce(1000)).toEqual({
      done: { completed: 0, failed: 0, deferred: 0 },
      answers: [{ head: null, table_name: null, stop: true, counts: null }],
      transaction: false,
    });
  });
});

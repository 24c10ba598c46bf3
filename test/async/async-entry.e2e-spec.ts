import { recordId, whileRefusingPoison } from '@app/testing';
import { IngestRepository } from '../../libs/ingest/src/ingest.repository';
import { useAsyncApp, whileHolding } from './async-kit';

/**
 * A claimed queue entry that fills the batch is applied whole by one statement (the short way),
 * unless one of its operations needs the worker's care: then the long way applies it exactly as
 * before (rounds, blocked operations, records the database refuses).
 */
describe('Asynchronous ingest: a queue entry applied whole', () => {
  const kit = useAsyncApp();
  const { mty, async, statusOf, history } = kit;
  const CREATE = (id: string, more: Record<string, unknown> = {}) => ({ operation: 'CREATE', record: { id, ...more } });

  /** Queues one batch (one entry) and returns its operations' ids. */
  const queue = async (operations: unknown[]): Promise<string[]> => {
    const res = await async(mty().post('/tables/venta/batch')).send({ operations }).expect(202);
    return res.body.results.map((r: { operation_id: string }) => r.operation_id);
  };
  /** Runs one worker batch of `limit`, and what the short way answered: how many it applied, or 'refused' (it threw). */
  const processOnce = async (limit: number) => {
    const repository = kit.t.get<IngestRepository>(IngestRepository);
    const spy = jest.spyOn(repository, 'applyEntry');
    try {
      const done = await kit.worker.processOnce(limit);
      const short = spy.mock.results[0]?.value as Promise<unknown[]> | undefined;
      const whole = await short?.then(
        (applied) => applied.length,
        () => 'refused',
      );
      return { done, whole };
    } finally {
      spy.mockRestore();
    }
  };
  const entries = async (ids: string[]) =>
    (
      await kit.t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM sync_queue WHERE operation_ids && ${ids.map(BigInt)}::bigint[]`
    )[0].n;

  it('applies an entry whole in one statement, with its outbox entries, and removes it', async () => {
    const [a, b, c] = [recordId(), recordId(), recordId()];
    const ids = await queue([CREATE(a, { total: 1 }), CREATE(b, { total: 2 }), CREATE(c, { total: 3 })]);

    expect(await processOnce(3)).toEqual({ done: { completed: 3, failed: 0, deferred: 0 }, whole: 3 });

    expect(await entries(ids)).toBe(0);
    expect((await statusOf(b)).data).toEqual({ _hash_id: b, _ver: 1, total: 2 });
    const outbox = await kit.t.prisma.$queryRaw<{ operation_id: bigint; payload: unknown }[]>`
      SELECT operation_id, payload FROM sync_outbox WHERE record_id IN (${a}, ${b}, ${c}) ORDER BY operation_id`;
    expect(outbox).toEqual(
      [a, b, c].map((id, k) => ({ operation_id: BigInt(ids[k]), payload: { _hash_id: id, _ver: 1, total: k + 1 } })),
    );
  });

  it('takes the long way for a record repeated in the entry: applied round after round, in order', async () => {
    const id = recordId();
    const ids = await queue([CREATE(id, { total: 1 }), { operation: 'UPDATE', record: { id, ver: 2, total: 2 } }]);

    expect(await processOnce(2)).toEqual({ done: { completed: 2, failed: 0, deferred: 0 }, whole: 0 });

    expect(await entries(ids)).toBe(0);
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 2, total: 2 });
    expect((await history(id)).map((o: { status: string }) => o.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it("leaves a record's operation QUEUED behind its older one in an entry another worker holds", async () => {
    const [held, free] = [recordId(), recordId()];
    const [first] = await queue([CREATE(held, { total: 1 })]);
    const ids = await queue([{ operation: 'UPDATE', record: { id: held, ver: 2, total: 2 } }, CREATE(free)]);

    const acceptedAt = async () =>
      (
        await kit.t.prisma.$queryRaw<{ created_at: Date }[]>`
          SELECT created_at FROM sync_queue WHERE operation_ids && ${ids.map(BigInt)}::bigint[]`
      ).map((e) => e.created_at);
    const accepted = await acceptedAt();
    await whileHolding(kit.t.prisma, first, async () => {
      expect(await processOnce(2)).toEqual({ done: { completed: 1, failed: 0, deferred: 1 }, whole: 0 });
      expect((await statusOf(free)).status).toBe('COMPLETED');
      // The held record's update, back in the queue, as accepted then.
      expect(await acceptedAt()).toEqual(accepted);
    });

    await kit.drain();
    expect((await statusOf(held)).data).toEqual({ _hash_id: held, _ver: 2, total: 2 });
  });

  it('takes the long way for a record the database refuses: it alone becomes ERROR', async () => {
    await whileRefusingPoison(kit.t.prisma, 'venta', async () => {
      const [good, bad] = [recordId(), recordId()];
      const ids = await queue([CREATE(good), CREATE(bad, { poison: true })]);

      expect(await processOnce(2)).toEqual({ done: { completed: 1, failed: 1, deferred: 0 }, whole: 'refused' });

      expect(await entries(ids)).toBe(0);
      expect((await statusOf(good)).status).toBe('COMPLETED');
      expect((await statusOf(bad)).status).toBe('ERROR');
    });
  });

  it('takes the long way for an entry with an operation no longer QUEUED: the others are applied', async () => {
    const [a, b] = [recordId(), recordId()];
    const ids = await queue([CREATE(a), CREATE(b)]);
    await kit.t.prisma
      .$executeRaw`UPDATE sync_operations SET status = 'ERROR', error = 'by hand' WHERE id = ${BigInt(ids[0])}`;

    expect(await processOnce(2)).toEqual({ done: { completed: 1, failed: 0, deferred: 0 }, whole: 0 });

    expect(await entries(ids)).toBe(0);
    expect((await statusOf(a)).status).toBe('ERROR');
    expect((await statusOf(b)).status).toBe('COMPLETED');
  });
});

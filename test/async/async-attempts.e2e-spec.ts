import { recordId } from '@app/testing';
import { useAsyncApp } from './async-kit';

/**
 * A queue entry whose batch fails whole every time (not a record the database refuses: something
 * that rolls the batch back) must not hold the queue's head forever: its attempts are counted, it
 * is tried alone, and after ASYNC_MAX_ATTEMPTS its operations become ERROR and the queue moves on.
 */
describe('Asynchronous ingest: an entry that keeps failing', () => {
  const kit = useAsyncApp({ ASYNC_MAX_ATTEMPTS: '2' });
  const { mty, async, statusOf } = kit;

  // In this suite's own database, dropped with it.
  beforeAll(async () => {
    // Fails the statement (SQLSTATE P0001, not a data error) for a record carrying "explode".
    await kit.t.prisma.$executeRawUnsafe(`
      CREATE FUNCTION attempts_explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.data ? 'explode' THEN RAISE EXCEPTION 'exploded on purpose'; END IF;
        RETURN NEW;
      END $$`);
    await kit.t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER attempts_explode BEFORE INSERT ON venta FOR EACH ROW EXECUTE FUNCTION attempts_explode()`,
    );
  });
  const entry = async (key: string) =>
    (
      await kit.t.prisma.$queryRaw<{ attempts: number; last_error: string | null }[]>`
        SELECT attempts, last_error FROM sync_queue WHERE operation_id = ${BigInt(key)}`
    )[0];

  it('counts failures against the head, tries it alone, and makes only the failing entry ERROR', async () => {
    const [innocent, bad, alongside, behind] = [recordId(), recordId(), recordId(), recordId()];
    const queue = async (operations: unknown[]): Promise<string> =>
      (await async(mty().post('/tables/venta/batch')).send({ operations }).expect(202)).body.results[0].operation_id;
    const a = await queue([{ operation: 'CREATE', record: { id: innocent } }]);
    const b = await queue([
      { operation: 'CREATE', record: { id: bad, explode: true } },
      { operation: 'CREATE', record: { id: alongside } },
    ]);
    const c = await queue([{ operation: 'CREATE', record: { id: behind } }]);

    // All three in one claim: it fails, and counts against the head only.
    await expect(kit.worker.processOnce()).rejects.toThrow(/exploded on purpose/);
    expect(await entry(a)).toEqual({ attempts: 1, last_error: 'exploded on purpose' });
    expect(await entry(b)).toEqual({ attempts: 0, last_error: null });

    // Tried alone, the head is applied.
    expect(await kit.worker.processOnce()).toMatchObject({ completed: 1, failed: 0 });
    expect((await statusOf(innocent)).status).toBe('COMPLETED');

    // The failing entry is the head now: counted, tried alone, failed again (ASYNC_MAX_ATTEMPTS = 2).
    await expect(kit.worker.processOnce()).rejects.toThrow(/exploded on purpose/);
    expect(await entry(b)).toEqual({ attempts: 1, last_error: 'exploded on purpose' });
    expect(await entry(c)).toEqual({ attempts: 0, last_error: null });
    await expect(kit.worker.processOnce()).rejects.toThrow(/exploded on purpose/);
    expect(await entry(b)).toBeUndefined();
    for (const id of [bad, alongside])
      expect(await statusOf(id)).toMatchObject({
        status: 'ERROR',
        error_details: 'Could not be applied after repeated attempts - please resend',
      });

    // The queue moves on.
    expect((await statusOf(behind)).status).toBe('PROCESSING');
    expect(await kit.drain()).toEqual({ completed: 1, failed: 0 });
    expect((await statusOf(behind)).status).toBe('COMPLETED');
  });
});

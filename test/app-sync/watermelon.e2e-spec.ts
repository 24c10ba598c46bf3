import { Database } from '@nozbe/watermelondb';
import { createTestApp, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { operationsOf, serverState, statusesOf, until } from './server-views';
import { watermelonDevice, watermelonState, watermelonSync } from './watermelon-kit';

const CLIENT = 'MTY_001';

/** Issue 24: WatermelonDB's own synchronize() (0.28, LokiJS adapter) against GET/POST /watermelon/sync. */
describe('WatermelonDB sync through resync', () => {
  let t: TestApp;
  let a: Database;
  let b: Database;
  const mty = () => t.as('MTY');
  const edit = async (db: Database, id: string, total: number) =>
    db.write(async () => {
      const record = await db.get('venta').find(id);
      await record.update((r) => r._setRaw('total', total));
    });
  const create = async (db: Database, total: number) =>
    db.write(async () => (await db.get('venta').create((r) => r._setRaw('total', total))).id);
  /** Syncs both devices until both hold the server's state (the feed may lag behind other test files' transactions). */
  const converge = () =>
    until(async () => {
      await watermelonSync(a, mty, { device: 'tablet-a' }).catch(() => undefined);
      await watermelonSync(b, mty, { device: 'tablet-b' }).catch(() => undefined);
      const server = await serverState(t, CLIENT);
      const [sa, sb] = [await watermelonState(a), await watermelonState(b)];
      return JSON.stringify(sa) === JSON.stringify(server) && JSON.stringify(sb) === JSON.stringify(server)
        ? server
        : undefined;
    }, 60_000);

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    [a, b] = [watermelonDevice(), watermelonDevice()];
  });
  afterAll(() => t.close());

  it('creates on one device and pulls on the other; both edit one record (the later push wins, as Watermelon resolves at pull); a delete travels', async () => {
    const one = await create(a, 10);
    const two = await create(a, 20);
    await watermelonSync(a, mty, { device: 'tablet-a' });
    const first = await converge();
    expect(first).toEqual({ [one]: { ver: 1, total: 10 }, [two]: { ver: 1, total: 20 } });

    await edit(a, one, 11);
    await edit(b, one, 12);
    await watermelonSync(a, mty, { device: 'tablet-a' });
    const after = await converge();
    expect(after[one]).toEqual({ ver: 3, total: 12 });
    const ops = await operationsOf(t, CLIENT, one);
    expect(ops.map((o) => [o.operation, o.batch_version, o.status, o.device_id])).toEqual([
      ['CREATE', 1, 'COMPLETED', 'tablet-a'],
      ['UPDATE', 2, 'COMPLETED', 'tablet-a'],
      ['UPDATE', 3, 'COMPLETED', 'tablet-b'],
    ]);

    await b.write(async () => (await b.get('venta').find(two)).markAsDeleted());
    const gone = await converge();
    expect(gone).toEqual({ [one]: { ver: 3, total: 12 } });
    expect(
      await statusesOf(t, [
        { id: one, ver: 3 },
        { id: two, ver: 2 },
      ]),
    ).toEqual([expect.objectContaining({ status: 'COMPLETED' }), expect.objectContaining({ status: 'COMPLETED' })]);
  });

  it('refuses a push whole (409) when a record changed after last_pulled_at, and writes nothing', async () => {
    const id = 'wm-409';
    await mty()
      .post('/watermelon/sync?last_pulled_at=null')
      .send({ venta: { created: [{ id, total: 1 }] } })
      .expect(200);
    const pulled = (await mty().get('/watermelon/sync?last_pulled_at=null').expect(200)).body as { timestamp: number };
    await mty()
      .post('/watermelon/sync?last_pulled_at=null')
      .send({ venta: { updated: [{ id, total: 99, _status: 'updated', _changed: 'total' }] } })
      .expect(200);
    const before = await operationsOf(t, CLIENT, id);
    const res = await mty()
      .post(`/watermelon/sync?last_pulled_at=${pulled.timestamp}`)
      .send({ venta: { created: [{ id: 'wm-new', total: 1 }], updated: [{ id, total: 5 }] } })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'changed_since_pull' });
    expect(await operationsOf(t, CLIENT, id)).toEqual(before);
    expect(await operationsOf(t, CLIENT, 'wm-new')).toEqual([]);
    await converge();
  });

  it('fails a sync whose push is answered 503, and the next sync pushes the same changes', async () => {
    const id = await create(a, 503);
    await expect(watermelonSync(a, mty, { failPushes: { count: 1 } })).rejects.toThrow(/503/);
    expect(await operationsOf(t, CLIENT, id)).toEqual([]);
    await watermelonSync(a, mty, { device: 'tablet-a' });
    expect((await operationsOf(t, CLIENT, id)).map((o) => o.status)).toEqual(['COMPLETED']);
    await converge();
  });

  it('refuses an unknown table or a malformed record with a 400 and writes nothing', async () => {
    const res = await mty()
      .post('/watermelon/sync?last_pulled_at=null')
      .send({ venta: { created: [{ id: 'wm-ok', total: 1 }] }, nope: {} })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('nope is not a synced table');
    expect(await operationsOf(t, CLIENT, 'wm-ok')).toEqual([]);
    await mty().post('/watermelon/sync?last_pulled_at=abc').send({}).expect(400);
    await mty().get('/watermelon/sync?last_pulled_at=-1').expect(400);
  });
});

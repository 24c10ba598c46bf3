import { RxDatabase } from 'rxdb';
import { createTestApp, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { rxDevice, rxState, rxSync } from './rxdb-kit';
import { operationsOf, serverState, statusesOf, until } from './server-views';

const CLIENT = 'MTY_001';

/** Issue 24: RxDB's own replication (rxdb 17, memory storage) against POST /rxdb/{table}/pull|push. */
describe('RxDB replication through resync', () => {
  let t: TestApp;
  let a: RxDatabase;
  let b: RxDatabase;
  const mty = () => t.as('MTY');
  /** Syncs both devices until both hold the server's state (the feed may lag behind other test files' transactions). */
  const converge = () =>
    until(async () => {
      await rxSync(a.venta, mty, { device: 'till-a' });
      await rxSync(b.venta, mty, { device: 'till-b' });
      const server = await serverState(t, CLIENT);
      const [sa, sb] = [await rxState(a.venta), await rxState(b.venta)];
      return JSON.stringify(sa) === JSON.stringify(server) && JSON.stringify(sb) === JSON.stringify(server)
        ? server
        : undefined;
    });

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    [a, b] = [await rxDevice(), await rxDevice()];
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t.close();
  });

  it('creates on one device and pulls on the other; a concurrent edit is a conflict the loser resolves to the server state; a delete travels', async () => {
    await a.venta.insert({ id: 'rx-1', total: 10 });
    await a.venta.insert({ id: 'rx-2', total: 20 });
    const first = await converge();
    expect(first).toEqual({ 'rx-1': { ver: 1, total: 10 }, 'rx-2': { ver: 1, total: 20 } });

    // Both edit rx-1 from version 1; A pushes first and wins, B's push is answered with A's document.
    await (await a.venta.findOne('rx-1').exec())!.incrementalPatch({ total: 11 });
    await (await b.venta.findOne('rx-1').exec())!.incrementalPatch({ total: 12 });
    await rxSync(a.venta, mty, { device: 'till-a' });
    const loser = await rxSync(b.venta, mty, { device: 'till-b' });
    expect(loser.conflicts).toBe(1);
    const after = await converge();
    expect(after['rx-1']).toEqual({ ver: 2, total: 11 });

    // The operation log holds both: A's change COMPLETED at version 2, B's conflict CONFLICT with its device.
    const ops = await operationsOf(t, CLIENT, 'rx-1');
    expect(ops).toEqual([
      expect.objectContaining({ operation: 'CREATE', batch_version: 1, status: 'COMPLETED', device_id: 'till-a' }),
      expect.objectContaining({ operation: 'UPDATE', batch_version: 2, status: 'COMPLETED', device_id: 'till-a' }),
      expect.objectContaining({ operation: 'UPDATE', batch_version: 2, status: 'CONFLICT', device_id: 'till-b' }),
    ]);
    expect(ops[2].error).toBeNull();
    expect(ops[2].note).toMatch(/^Conflict: .*version 1, the server holds version 2/);

    await (await b.venta.findOne('rx-2').exec())!.remove();
    const gone = await converge();
    expect(gone).toEqual({ 'rx-1': { ver: 2, total: 11 } });
    expect(await statusesOf(t, [{ id: 'rx-2', ver: 2 }])).toEqual([expect.objectContaining({ status: 'COMPLETED' })]);
  });

  it('retries a push answered 503, and a retried push that had been applied is harmless', async () => {
    await a.venta.insert({ id: 'rx-503', total: 1 });
    const run = await rxSync(a.venta, mty, { device: 'till-a', failPushes: 1 });
    expect(run.failed).toBe(1);
    expect(run.pushes).toBeGreaterThanOrEqual(2);

    // The same rows again (RxDB resends them when an answer is lost): no conflict, nothing logged twice.
    const rows = [{ newDocumentState: { id: 'rx-503', total: 1, _deleted: false } }];
    expect((await mty().post('/rxdb/venta/push').send(rows).expect(200)).body).toEqual([]);
    const ops = await operationsOf(t, CLIENT, 'rx-503');
    expect(ops.map((o) => [o.operation, o.status])).toEqual([['CREATE', 'COMPLETED']]);
    await converge();
  });

  it('pushes an offline backlog of 20,000 documents, each logged and COMPLETED', async () => {
    const docs = Array.from({ length: 20_000 }, (_, k) => ({ id: `bulk-${String(k).padStart(5, '0')}`, total: k }));
    await a.venta.bulkInsert(docs);
    const run = await rxSync(a.venta, mty, { device: 'till-a', pushBatchSize: 1000 });
    expect(run.conflicts).toBe(0);
    const statuses = await statusesOf(
      t,
      docs.map((d) => ({ id: d.id, ver: 1 })),
    );
    expect(statuses.filter((s) => s.status === 'COMPLETED')).toHaveLength(20_000);
    const server = await converge();
    expect(Object.keys(server).filter((id) => id.startsWith('bulk-'))).toHaveLength(20_000);
  }, 240_000);

  it('refuses malformed rows whole with a 400 and writes nothing', async () => {
    const res = await mty()
      .post('/rxdb/venta/push')
      .send([{ newDocumentState: { id: 'ok-1', total: 1 } }, { newDocumentState: { total: 2 } }])
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('newDocumentState.id');
    expect(await operationsOf(t, CLIENT, 'ok-1')).toEqual([]);
    await mty()
      .post('/rxdb/venta/pull')
      .send({ checkpoint: { cursor: 'nope' }, batchSize: 10 })
      .expect(400);
    await mty().post('/rxdb/venta/pull').send({ checkpoint: null, batchSize: 0 }).expect(400);
    await mty().post('/rxdb/nope/pull').send({ checkpoint: null, batchSize: 10 }).expect(404);
  });
});

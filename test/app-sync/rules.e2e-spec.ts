import { createTestApp, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { operationsOf, serverState } from './server-views';

const CLIENT = 'MTY_001';

/**
 * Issue 24 on main's multi-device rules: the adapters' conflicts are CONFLICT operations (as a
 * `base_ver` conflict of POST /{table}) counted in resync_conflicts_total; the shared table
 * `producto` is pulled by both protocols and refused (403, nothing written) on both pushes.
 */
describe('WatermelonDB and RxDB routes under the conflict and shared-table rules', () => {
  let t: TestApp;
  const mty = () => t.as('MTY');
  const rejected = async () => {
    const text = (await t.as('admin').get('/metrics').expect(200)).text;
    const line = text
      .split('\n')
      .find((l) => l.startsWith('resync_conflicts_total{table="venta",resolution="rejected"}'));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  };

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  it('logs an RxDB conflict as CONFLICT with its base version and counts it', async () => {
    const id = 'rules-rx-1';
    const push = (rows: unknown[]) => mty().post('/rxdb/venta/push').set('X-Device-Id', 'till-a').send(rows);
    expect((await push([{ newDocumentState: { id, total: 1, _deleted: false } }]).expect(200)).body).toEqual([]);
    const v1 = { id, ver: 1, total: 1, _deleted: false };
    await push([{ assumedMasterState: v1, newDocumentState: { id, total: 2, _deleted: false } }]).expect(200);
    const before = await rejected();
    const answer = await push([{ assumedMasterState: v1, newDocumentState: { id, total: 3, _deleted: false } }]).expect(
      200,
    );
    expect(answer.body).toEqual([{ id, ver: 2, total: 2, _deleted: false }]);
    const ops = await operationsOf(t, CLIENT, id);
    expect(ops.map((o) => [o.operation, o.batch_version, o.status])).toEqual([
      ['CREATE', 1, 'COMPLETED'],
      ['UPDATE', 2, 'COMPLETED'],
      ['UPDATE', 2, 'CONFLICT'],
    ]);
    expect(ops[2]).toMatchObject({
      error: null,
      note: expect.stringMatching(/^Conflict: .*version 1, the server holds version 2/),
    });
    expect(await rejected()).toBe(before + 1);
  });

  it('logs a Watermelon update of a record deleted on the server as CONFLICT, rejects its id, and counts it', async () => {
    const id = 'rules-wm-1';
    const push = (changes: object) => mty().post('/watermelon/sync?last_pulled_at=null').send(changes).expect(200);
    await push({ venta: { created: [{ id, total: 1 }] } });
    await push({ venta: { deleted: [id] } });
    const before = await rejected();
    const res = await push({ venta: { updated: [{ id, total: 2, _status: 'updated', _changed: 'total' }] } });
    expect(res.body).toEqual({ experimentalRejectedIds: { venta: [id] } });
    const ops = await operationsOf(t, CLIENT, id);
    expect(ops.map((o) => [o.operation, o.status])).toEqual([
      ['CREATE', 'COMPLETED'],
      ['DELETE', 'COMPLETED'],
      ['UPDATE', 'CONFLICT'],
    ]);
    expect(ops[2].error).toBeNull();
    expect(await rejected()).toBe(before + 1);
  });

  it('serves the shared table producto to both pulls and refuses it on both pushes with a 403, writing nothing', async () => {
    await t
      .as('admin')
      .post('/admin/tables/producto/batch')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'sku-tea', name: 'Tea', price: 10 } }] })
      .expect(200);

    // A pull serves a change once every transaction open at its start has finished (another test
    // file's may be): pull until the row comes, as a device would on its next sync.
    const pulledUntil = async <T>(pull: () => Promise<T>, has: (body: T) => boolean): Promise<T> => {
      for (let tries = 0; ; tries++) {
        const body = await pull();
        if (has(body) || tries >= 100) return body;
        await new Promise((wake) => setTimeout(wake, 50));
      }
    };
    const tea = { id: 'sku-tea', ver: 1, name: 'Tea', price: 10 };
    const rx = await pulledUntil(
      async () =>
        (await mty().post('/rxdb/producto/pull').send({ checkpoint: null, batchSize: 100 }).expect(200)).body as {
          documents: { id: string }[];
        },
      (body) => body.documents.some((d) => d.id === 'sku-tea'),
    );
    expect(rx.documents).toContainEqual({ ...tea, _deleted: false });
    const wm = await pulledUntil(
      async () =>
        (await mty().get('/watermelon/sync?last_pulled_at=null').expect(200)).body as {
          changes: { producto: { updated: { id: string }[] } };
        },
      (body) => body.changes.producto.updated.some((d) => d.id === 'sku-tea'),
    );
    expect(wm.changes.producto.updated).toContainEqual(tea);

    const rxPush = await mty()
      .post('/rxdb/producto/push')
      .send([{ newDocumentState: { id: 'sku-rx', price: 1, _deleted: false } }])
      .expect(403);
    expect(rxPush.body.message).toMatch(/producto.*shared/);
    const wmPush = await mty()
      .post('/watermelon/sync?last_pulled_at=null')
      .send({
        venta: { created: [{ id: 'rules-wm-2', total: 1 }] },
        producto: { updated: [{ id: 'sku-tea', price: 1 }] },
      })
      .expect(403);
    expect(wmPush.body).toMatchObject({ statusCode: 403, message: expect.stringMatching(/producto.*shared/) });

    expect(await operationsOf(t, CLIENT, 'rules-wm-2')).toEqual([]);
    expect(await serverState(t, '*shared*', 'producto')).toEqual({ 'sku-tea': { ver: 1, name: 'Tea', price: 10 } });
    expect(await operationsOf(t, '*shared*', 'sku-rx', 'producto')).toEqual([]);
  });
});

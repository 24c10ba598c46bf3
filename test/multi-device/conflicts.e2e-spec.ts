import { recordId } from '@app/testing';
import { useAsyncApp } from '../async/async-kit';

type Who = 'MTY' | 'GDL';

/** Issue 22, part 3: changes sent with base_ver; conflicts are reported, never silent. */
describe('Conflicts (base_ver)', () => {
  const kit = useAsyncApp();
  const as = (device: string, who: Who = 'MTY') => {
    const agent = kit.t.as(who);
    return {
      post: (path: string) => agent.post(path).set('X-Device-Id', device),
      put: (path: string) => agent.put(path).set('X-Device-Id', device),
      delete: (path: string) => agent.delete(path).set('X-Device-Id', device),
    };
  };
  const row = async (table: string, id: string) =>
    (
      await kit.t.prisma.$queryRawUnsafe<{ ver: number; data: Record<string, unknown>; deleted: boolean }[]>(
        `SELECT _ver AS ver, data, _deleted AS deleted FROM "${table}" WHERE _client_id = 'MTY_001' AND _hash_id = $1`,
        id,
      )
    )[0];
  const history = async (id: string, table = 'venta') =>
    (await kit.t.as('MTY').get(`/tables/${table}/items/${id}/history`).expect(200)).body.operations as {
      status: string;
      note: string | null;
      device_id: string | null;
      base_ver: number | null;
      batch_version: number;
    }[];
  const outbox = async (id: string) =>
    (
      await kit.t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sync_outbox WHERE record_id = ${id}`
    )[0].n;

  describe('policy reject (venta)', () => {
    it('two devices on the same version: exactly one COMPLETED and one CONFLICT naming the winner’s version', async () => {
      const id = recordId('rej');
      await as('till-1').post('/items').send({ id, ver: 1, qty: 10 }).expect(200);
      const [a, b] = await Promise.all([
        as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 9 }),
        as('till-2').put(`/items/${id}`).send({ base_ver: 1, qty: 8 }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(won.body).toMatchObject({ status: 'success', ver: 2, data: won.body.data });
      expect(lost.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'conflict',
        message: 'Conflict: based on version 1, the record is at version 2',
        conflict: { server_ver: 2, server_data: won.body.data, deleted: false },
        operation_id: expect.any(String),
      });
      expect(await row('venta', id)).toEqual({ ver: 2, data: won.body.data, deleted: false });
      const logged = await history(id);
      expect(logged.map((o) => [o.status, o.base_ver])).toEqual([
        ['COMPLETED', null],
        ['COMPLETED', 1],
        ['CONFLICT', 1],
      ]);
      expect(logged[2].device_id).toBe(a.status === 200 ? 'till-2' : 'till-1');
      // Nothing goes to the external system for the conflict: the create and the winner only.
      expect(await outbox(id)).toBe(2);

      // The status answer says so to the losing device, and COMPLETED to the winner.
      const loser = a.status === 200 ? 'till-2' : 'till-1';
      const winner = a.status === 200 ? 'till-1' : 'till-2';
      const status = (device: string) =>
        kit.t.as('MTY').post('/records').set('X-Device-Id', device).send({ hash_id: id, ver: 2 }).expect(200);
      expect((await status(loser)).body).toMatchObject({
        status: 'CONFLICT',
        conflict: { server_ver: 2, server_data: won.body.data, deleted: false },
      });
      expect((await status(winner)).body).toMatchObject({ status: 'COMPLETED', data: { _ver: 2, ...won.body.data } });
    });

    it('in a batch: the entry says CONFLICT with the server row, the others apply', async () => {
      const [x, y] = [recordId('rej'), recordId('rej')];
      await as('till-1').post('/items').send({ id: x, ver: 3, total: 1 }).expect(200);
      const res = await as('till-2')
        .post('/tables/venta/batch')
        .send({
          operations: [
            { operation: 'UPDATE', record: { id: x, base_ver: 2, total: 2 } },
            { operation: 'CREATE', record: { id: y, base_ver: 0, total: 5 } },
          ],
        })
        .expect(200);
      expect(res.body).toMatchObject({ completed: 1, failed: 0, conflicts: 1 });
      expect(res.body.results[0]).toMatchObject({
        status: 'CONFLICT',
        conflict: { server_ver: 3, server_data: { total: 1 }, deleted: false },
      });
      expect(res.body.results[1]).toMatchObject({ status: 'COMPLETED', ver: 1, data: { total: 5 } });
    });

    it('base_ver 0 creates an absent record and conflicts with an existing one; a deletion with base_ver too', async () => {
      const id = recordId('rej');
      await as('till-1').post('/items').send({ id, base_ver: 0, n: 1 }).expect(200);
      const again = await as('till-2').post('/items').send({ id, base_ver: 0, n: 2 }).expect(409);
      expect(again.body.conflict).toEqual({ server_ver: 1, server_data: { n: 1 }, deleted: false });
      await as('till-2').delete(`/items/${id}?base_ver=0`).expect(409);
      expect((await as('till-2').delete(`/items/${id}?base_ver=1`).expect(200)).body).toMatchObject({
        ver: 2,
        data: null,
      });
      expect(await row('venta', id)).toMatchObject({ ver: 2, deleted: true });
      // A device that did not see the deletion conflicts with the tombstone.
      const stale = await as('till-1').put(`/items/${id}`).send({ base_ver: 1, n: 3 }).expect(409);
      expect(stale.body.conflict).toEqual({ server_ver: 2, server_data: null, deleted: true });
    });

    it('refuses a bad base_ver with a 400, writing nothing; a ver not above it becomes base_ver + 1', async () => {
      const id = recordId('rej');
      for (const body of [{ base_ver: -1 }, { base_ver: 'one' }, { base_ver: 1.5 }, { base_ver: 2147483647 }])
        await as('till-1')
          .post('/items')
          .send({ id, ...body })
          .expect(400);
      expect(await history(id)).toEqual([]);
      expect((await as('till-1').post('/items').send({ id, base_ver: 0, ver: 5 }).expect(200)).body.ver).toBe(5);
      expect((await as('till-1').put(`/items/${id}`).send({ base_ver: 5, ver: 2 }).expect(200)).body.ver).toBe(6);
    });
  });

  describe('a resend is never its own conflict', () => {
    it('a lost answer resent is COMPLETED (Duplicate bypassed), even after another device wrote on top', async () => {
      const id = recordId('resend');
      await as('till-1').post('/items').send({ id, qty: 10 }).expect(200);
      const first = await as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 9 }).expect(200);
      // The answer is lost: the device resends the same change.
      const resent = await as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 9 }).expect(200);
      expect(resent.body).toMatchObject({ status: 'success', note: 'Duplicate bypassed', ver: 2, data: { qty: 9 } });
      expect(first.body.operation_id).not.toBe(resent.body.operation_id);
      await as('till-2').put(`/items/${id}`).send({ base_ver: 2, qty: 5 }).expect(200);
      const late = await as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 9 }).expect(200);
      expect(late.body).toMatchObject({ note: 'Duplicate bypassed', ver: 3, data: { qty: 5 } });
      // Asked asynchronously, a change with base_ver is decided at once (200, not 202): the same answer.
      const asynchronous = await kit
        .async(as('till-1').put(`/items/${id}`))
        .send({ base_ver: 1, qty: 9 })
        .expect(200);
      expect(asynchronous.body.note).toBe('Duplicate bypassed');
      // The same change from another device is a conflict, not a resend.
      await as('till-3').put(`/items/${id}`).send({ base_ver: 1, qty: 9 }).expect(409);
      expect(await row('venta', id)).toMatchObject({ ver: 3, data: { qty: 5 } });
    });

    it('the status of a change that never arrived is not another device’s operation at the same version', async () => {
      const id = recordId('status');
      await as('till-1').post('/items').send({ id, qty: 10, id_cola: 'q-create' }).expect(200);
      await as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 9, id_cola: 'till-1-q1' }).expect(200);
      // till-2's change on version 1 (ver 2, id_cola till-2-q1) was lost on the way: asked about, it
      // must be resent (ERROR: the row at version 2 has no operation of this change), not COMPLETED.
      const status = (device: string, queueId: string) =>
        kit.t.as('MTY').post('/records').set('X-Device-Id', device).send({ hash_id: id, ver: 2, id_cola: queueId });
      expect((await status('till-2', 'till-2-q1').expect(200)).body).toMatchObject({ status: 'ERROR', data: null });
      // till-1's own change, and till-1 asking under another id_cola at that version (an audit), stay COMPLETED.
      expect((await status('till-1', 'till-1-q1').expect(200)).body).toMatchObject({ status: 'COMPLETED' });
      expect((await status('till-1', 'till-1-q9').expect(200)).body).toMatchObject({ status: 'COMPLETED' });
      // Resent, the change is decided on what the server holds: a conflict with till-1's version 2.
      await as('till-2').put(`/items/${id}`).send({ base_ver: 1, qty: 8, id_cola: 'till-2-q1' }).expect(409);
      expect((await status('till-2', 'till-2-q1').expect(200)).body).toMatchObject({ status: 'CONFLICT' });
    });

    it('a resend whose operation a DBA deleted is still recognised by the row (not on counter tables)', async () => {
      const id = recordId('dba');
      await as('till-1').post('/items').send({ id, qty: 10, base_ver: 0, id_cola: 'till-1-q1' }).expect(200);
      await kit.t.prisma.$executeRawUnsafe(`DELETE FROM sync_operations WHERE record_id = $1`, id);
      const resent = await as('till-1').post('/items').send({ id, qty: 10, base_ver: 0, id_cola: 'till-1-q1' });
      expect(resent.status).toBe(200);
      expect(resent.body).toMatchObject({ note: 'Duplicate bypassed', ver: 1, data: { qty: 10 } });
      // Other content at that version is another change: a conflict, as before.
      await as('till-2').post('/items').send({ id, qty: 11, base_ver: 0, id_cola: 'till-2-q1' }).expect(409);
      expect(await row('venta', id)).toMatchObject({ ver: 1, data: { qty: 10 } });
    });

    it('a change with base_ver to a record with queued operations is an ERROR to resend later, not a conflict', async () => {
      const id = recordId('resend');
      await kit.async(as('till-1').post('/items')).send({ id, qty: 1 }).expect(202);
      const res = await as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 2 }).expect(422);
      expect(res.body.message).toContain('asynchronous queue');
      await kit.drain();
      await as('till-1').put(`/items/${id}`).send({ base_ver: 1, qty: 2 }).expect(200);
    });
  });

  describe('policy merge (stock, counter qty)', () => {
    it('merges disjoint fields: both changes are kept, at the next version, with a note', async () => {
      const id = recordId('merge');
      await as('till-1')
        .post('/tables/stock/items')
        .send({ id, base_ver: 0, name: 'Tea', price: 10, qty: 5 })
        .expect(200);
      await as('till-1')
        .put(`/tables/stock/items/${id}`)
        .send({ base_ver: 1, name: 'Green tea', price: 10, qty: 5 })
        .expect(200);
      const merged = await as('tablet')
        .put(`/tables/stock/items/${id}`)
        .send({ base_ver: 1, name: 'Tea', price: 12, qty: 5 })
        .expect(200);
      expect(merged.body).toMatchObject({ ver: 3, data: { name: 'Green tea', price: 12, qty: 5 } });
      expect(merged.body.note).toBe(
        'Merged: based on version 1, applied over version 2 (fields price from the device)',
      );
      expect(await row('stock', id)).toEqual({
        ver: 3,
        data: { name: 'Green tea', price: 12, qty: 5 },
        deleted: false,
      });
      // Changes based on the merged version merge against it (its content is kept).
      await as('till-1')
        .put(`/tables/stock/items/${id}`)
        .send({ base_ver: 3, name: 'Green tea', price: 12, qty: 4 })
        .expect(200);
      const next = await as('tablet')
        .put(`/tables/stock/items/${id}`)
        .send({ base_ver: 3, name: 'Matcha', price: 12, qty: 5 })
        .expect(200);
      expect(next.body.data).toEqual({ name: 'Matcha', price: 12, qty: 4 });
    });

    it('overlapping fields are a conflict', async () => {
      const id = recordId('merge');
      await as('till-1').post('/tables/stock/items').send({ id, name: 'Tea', qty: 5 }).expect(200);
      await as('till-1').put(`/tables/stock/items/${id}`).send({ base_ver: 1, name: 'Green tea', qty: 5 }).expect(200);
      const res = await as('tablet')
        .put(`/tables/stock/items/${id}`)
        .send({ base_ver: 1, name: 'Black tea', qty: 5 })
        .expect(409);
      expect(res.body.message).toBe(
        'Conflict: based on version 1, the record is at version 2 (fields changed on both sides: name)',
      );
      expect(res.body.conflict).toEqual({ server_ver: 2, server_data: { name: 'Green tea', qty: 5 }, deleted: false });
    });

    it('with the base version’s content gone from the log, it is a conflict, never a guess', async () => {
      const id = recordId('merge');
      await as('till-1').post('/tables/stock/items').send({ id, qty: 5 }).expect(200);
      await as('till-1').put(`/tables/stock/items/${id}`).send({ base_ver: 1, qty: 4 }).expect(200);
      await kit.t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = ${id} AND batch_version = 1`;
      const res = await as('tablet').put(`/tables/stock/items/${id}`).send({ base_ver: 1, qty: 3 }).expect(409);
      expect(res.body.message).toContain("the base version's content is not kept");
    });

    it('a counter after 20 concurrent decrements from 4 devices is the start minus 20', async () => {
      const id = recordId('counter');
      await as('office').post('/tables/stock/items').send({ id, base_ver: 0, name: 'Coffee', qty: 100 }).expect(200);
      const devices = ['till-1', 'till-2', 'till-3', 'tablet'];
      await Promise.all(
        devices.map(async (device) => {
          let local = { ver: 1, data: { name: 'Coffee', qty: 100 } as Record<string, unknown> };
          for (let sold = 0; sold < 5; sold++) {
            const res = await as(device)
              .put(`/tables/stock/items/${id}`)
              .send({ base_ver: local.ver, ...local.data, qty: (local.data.qty as number) - 1 })
              .expect(200);
            local = { ver: res.body.ver, data: res.body.data };
          }
        }),
      );
      expect((await row('stock', id)).data).toEqual({ name: 'Coffee', qty: 80 });
      const notes = (await history(id, 'stock')).map((o) => o.note ?? '');
      expect(notes.filter((n) => n.startsWith('Merged')).length).toBeGreaterThan(0);
    });
  });
});

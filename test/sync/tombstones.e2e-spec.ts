import { TombstonePurgeService } from '@app/ingest';
import { recordId, TestApp } from '@app/testing';
import { useVentaApp } from './venta-kit';

const DAY = 86_400_000;

/** Issue 14 (deleted records stay deleted), over HTTP. */
describe('Lost rows and tombstones', () => {
  const kit = useVentaApp();
  const { status, row, clock } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.t;
  });

  describe('tombstones', () => {
    it('a late CREATE after the DELETE does not resurrect the record', async () => {
      const id = recordId('z');
      await t.as('MTY').post('/items').send({ id, ver: 1, name: 'sale' }).expect(200);
      await t.as('MTY').delete(`/items/${id}?ver=2`).expect(200);
      const late = await t.as('MTY').post('/items').send({ id, ver: 1, name: 'sale' }).expect(200);
      expect(late.body.note).toBe('Stale version ignored');
      expect((await status({ hash_id: id })).body).toEqual({
        hash_id: id,
        status: 'COMPLETED',
        note: 'Record was deleted',
        data: null,
      });
      expect(await row(id)).toEqual({ ver: 2, deleted: true, data: {} });
    });

    it('a late UPDATE after the DELETE is not "created by update"; an equal version loses to the delete', async () => {
      const id = recordId('z');
      await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
      await t.as('MTY').delete(`/items/${id}?ver=3`).expect(200);
      expect((await t.as('MTY').put(`/items/${id}`).send({ ver: 2, total: 2 }).expect(200)).body.note).toBe(
        'Stale version ignored',
      );
      expect((await t.as('MTY').put(`/items/${id}`).send({ ver: 3, total: 3 }).expect(200)).body.note).toBe(
        'Stale version ignored',
      );
      expect((await status({ hash_id: id })).body.note).toBe('Record was deleted');
    });

    it('a newer CREATE or a newer UPDATE brings the record back', async () => {
      const [c, u] = [recordId('back'), recordId('back')];
      for (const id of [c, u]) {
        await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
        await t.as('MTY').delete(`/items/${id}?ver=2`).expect(200);
      }
      expect(
        (await t.as('MTY').post('/items').send({ id: c, ver: 3, total: 3 }).expect(200)).body.note,
      ).toBeUndefined();
      expect((await t.as('MTY').put(`/items/${u}`).send({ ver: 3, total: 3 }).expect(200)).body.note).toBe(
        'Record did not exist - created by update',
      );
      for (const id of [c, u])
        expect((await status({ hash_id: id })).body).toEqual({
          hash_id: id,
          status: 'COMPLETED',
          data: { _hash_id: id, _ver: 3, total: 3 },
        });
    });

    it('a DELETE of a tombstone is "Already deleted"; a DELETE of an unknown record leaves a tombstone a late CREATE respects', async () => {
      const id = recordId('dd');
      await t.as('MTY').post('/items').send({ id }).expect(200);
      await t.as('MTY').delete(`/items/${id}?ver=2`).expect(200);
      expect((await t.as('MTY').delete(`/items/${id}?ver=2`).expect(200)).body.note).toBe('Already deleted');
      expect((await t.as('MTY').delete(`/items/${id}?ver=5`).expect(200)).body.note).toBe('Already deleted');
      expect((await row(id))!.ver).toBe(5); // the tombstone remembers the highest deleting version
      expect((await t.as('MTY').post('/items').send({ id, ver: 4 }).expect(200)).body.note).toBe(
        'Stale version ignored',
      );

      const unknown = recordId('dd');
      expect((await t.as('MTY').delete(`/items/${unknown}?ver=2`).expect(200)).body.note).toBe('Already deleted');
      expect((await t.as('MTY').post('/items').send({ id: unknown, ver: 1 }).expect(200)).body.note).toBe(
        'Stale version ignored',
      );
    });

    it('a batch mixing stale and fresh writes to deleted records applies each by its version, in order', async () => {
      const [a, b, c] = [recordId('mix'), recordId('mix'), recordId('mix')];
      await t
        .as('MTY')
        .post('/tables/venta/batch')
        .send({ operations: [a, b, c].map((id) => ({ operation: 'CREATE', record: { id } })) })
        .expect(200);
      await t
        .as('MTY')
        .post('/tables/venta/batch')
        .send({ operations: [a, b, c].map((id) => ({ operation: 'DELETE', record: { id, ver: 2 } })) })
        .expect(200);
      const { body } = await t
        .as('MTY')
        .post('/tables/venta/batch')
        .send({
          operations: [
            { operation: 'CREATE', record: { id: a, ver: 1, x: 'stale' } },
            { operation: 'UPDATE', record: { id: b, ver: 3, x: 'fresh' } },
            { operation: 'CREATE', record: { id: c, ver: 2, x: 'stale' } },
            { operation: 'CREATE', record: { id: c, ver: 4, x: 'fresh' } },
            { operation: 'DELETE', record: { id: b, ver: 2 } },
          ],
        })
        .expect(200);
      expect(body.results.map((r: { note?: string }) => r.note ?? null)).toEqual([
        'Stale version ignored',
        'Record did not exist - created by update',
        'Stale version ignored',
        null,
        'Stale version ignored',
      ]);
      const answers = (await status({ records: [a, b, c].map((hash_id) => ({ hash_id })) })).body.results;
      expect(
        answers.map((r: { status: string; note?: string; data: { x?: string } | null }) => [
          r.status,
          r.note ?? r.data?.x,
        ]),
      ).toEqual([
        ['COMPLETED', 'Record was deleted'],
        ['COMPLETED', 'fresh'],
        ['COMPLETED', 'fresh'],
      ]);
    });

    it('status and the missing-operations monitor treat a tombstone as absent', async () => {
      const id = recordId('ts');
      await t.as('GDL').post('/tables/devolucion/items').send({ id }).expect(200);
      await t.as('GDL').delete(`/tables/devolucion/items/${id}?ver=2`).expect(200);
      await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = ${id}`;
      // No history and only a tombstone: not "data exists without its operation".
      expect((await t.as('GDL').post('/tables/devolucion/records').send({ hash_id: id }).expect(200)).body).toEqual({
        hash_id: id,
        status: 'NOT_FOUND',
        data: null,
      });
      const monitor = await t
        .as('admin')
        .get('/monitoring/missing-operations?table=devolucion&client_id=GDL_002')
        .expect(200);
      expect(JSON.stringify(monitor.body)).not.toContain(id);
    });

    it('tombstones are purged after the retention, and only those', async () => {
      const [old, recent, live] = [recordId('purge'), recordId('purge'), recordId('purge')];
      for (const id of [old, recent, live]) await t.as('MTY').post('/items').send({ id }).expect(200);
      await t.as('MTY').delete(`/items/${old}?ver=2`).expect(200);
      await t.prisma.$executeRaw`UPDATE venta SET _deleted_at = now() - interval '100 days' WHERE _hash_id = ${old}`;
      await t.as('MTY').delete(`/items/${recent}?ver=2`).expect(200);

      const purge = t.get<TombstonePurgeService>(TombstonePurgeService);
      const purged = await purge.purgeExpired();
      expect(purged!.venta).toBeGreaterThanOrEqual(1);
      expect(await row(old)).toBeUndefined();
      expect(await row(recent)).toMatchObject({ deleted: true });
      expect(await row(live)).toMatchObject({ deleted: false });
      // The record stays deleted for status (its DELETE is still in the log).
      expect((await status({ hash_id: old })).body).toEqual({
        hash_id: old,
        status: 'COMPLETED',
        note: 'Record was deleted',
        data: null,
      });

      clock.advance(91 * DAY); // the retention (90 days by default) passes for the recent one too
      await purge.purgeExpired();
      expect(await row(recent)).toBeUndefined();
      expect(await row(live)).toMatchObject({ deleted: false });
      clock.set(new Date());
    });
  });
});

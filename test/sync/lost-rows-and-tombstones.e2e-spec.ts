import { ApiModule } from '../../apps/api/src/api.module';
import { ManualClock, Clock } from '@app/common';
import { TombstonePurgeService } from '@app/ingest';
import { createTestApp, recordId, TestApp } from '@app/testing';

const lost = (op: 'CREATE' | 'UPDATE') =>
  new RegExp(
    `^Operation ${op} marked as COMPLETED but record not found in main table .* please resend to restore the record$`,
  );
const DAY = 86_400_000;

/** Issue 12 (a lost row never answers COMPLETED) and issue 14 (deleted records stay deleted), over HTTP. */
describe('Lost rows and tombstones', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      overrides: [{ provide: Clock, useValue: clock }],
    });
  });
  afterAll(() => t.close());

  const status = (body: Record<string, unknown>) => t.as('MTY').post('/records').send(body).expect(200);
  const dbaDeletesRow = (id: string) => t.prisma.$executeRaw`DELETE FROM venta WHERE _hash_id = ${id}`;
  const row = async (id: string) =>
    (
      await t.prisma.$queryRaw<
        { ver: number; deleted: boolean; data: unknown }[]
      >`SELECT _ver AS ver, _deleted AS deleted, data FROM venta WHERE _client_id = 'MTY_001' AND _hash_id = ${id}`
    )[0];

  describe('a lost row', () => {
    it('after a CREATE answers ERROR; the resend inserts it again and the next status is COMPLETED with the data', async () => {
      const id = recordId('lost');
      await t.as('MTY').post('/items').send({ id, name: 'Ana', total: 10 }).expect(200);
      await dbaDeletesRow(id);

      const { body } = await status({ hash_id: id });
      expect(body).toEqual({
        hash_id: id,
        status: 'ERROR',
        error_details: expect.stringMatching(lost('CREATE')),
        data: null,
      });

      const resent = await t.as('MTY').post('/items').send({ id, name: 'Ana', total: 10 }).expect(200);
      expect(resent.body).toEqual({
        status: 'success',
        hash_id: id,
        operation: 'CREATE',
        operation_id: expect.any(String),
      }); // inserted, not a duplicate
      expect((await status({ hash_id: id })).body).toEqual({
        hash_id: id,
        status: 'COMPLETED',
        data: { _hash_id: id, _ver: 1, name: 'Ana', total: 10 },
      });
    });

    it('after an UPDATE answers ERROR naming the UPDATE; the resent UPDATE restores it', async () => {
      const id = recordId('lost');
      await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
      await t.as('MTY').put(`/items/${id}`).send({ ver: 2, total: 2 }).expect(200);
      await dbaDeletesRow(id);

      expect((await status({ hash_id: id, ver: 2 })).body).toMatchObject({
        status: 'ERROR',
        error_details: expect.stringMatching(lost('UPDATE')),
      });
      await t.as('MTY').put(`/items/${id}`).send({ ver: 2, total: 2 }).expect(200);
      expect((await status({ hash_id: id, ver: 2 })).body).toEqual({
        hash_id: id,
        status: 'COMPLETED',
        data: { _hash_id: id, _ver: 2, total: 2 },
      });
    });

    it('is not "lost" when the row exists at a newer version than the operation asked about', async () => {
      const id = recordId('newer');
      await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
      await t.as('MTY').put(`/items/${id}`).send({ ver: 3, total: 3 }).expect(200);
      expect((await status({ hash_id: id, ver: 1 })).body).toEqual({
        hash_id: id,
        status: 'COMPLETED',
        data: { _hash_id: id, _ver: 3, total: 3 },
      });
    });

    it('a completed DELETE with no row at all (tombstone purged) stays COMPLETED with the note', async () => {
      const id = recordId('gone');
      await t.as('MTY').post('/items').send({ id }).expect(200);
      await t.as('MTY').delete(`/items/${id}?ver=2`).expect(200);
      await dbaDeletesRow(id); // as the purge does after the retention
      expect((await status({ hash_id: id })).body).toEqual({
        hash_id: id,
        status: 'COMPLETED',
        note: 'Record was deleted',
        data: null,
      });
      // Asked about the CREATE's version: the record was deleted later, so it is not lost either.
      expect((await status({ hash_id: id, ver: 1 })).body).toEqual({
        hash_id: id,
        status: 'COMPLETED',
        note: 'Record was deleted',
        data: null,
      });
    });

    it('batch status mixes every case, in order', async () => {
      const [ok, gone, missingRow, noHistory, never, deleted] = [
        'ok',
        'gone',
        'lostrow',
        'nohist',
        'never',
        'deleted',
      ].map((p) => recordId(p));
      await t
        .as('MTY')
        .post('/tables/venta/batch')
        .send({
          operations: [ok, gone, missingRow, noHistory, deleted].map((id) => ({
            operation: 'CREATE',
            record: { id, v: id },
          })),
        })
        .expect(200);
      await t.as('MTY').delete(`/items/${deleted}?ver=2`).expect(200);
      await t.as('MTY').delete(`/items/${gone}?ver=2`).expect(200);
      await dbaDeletesRow(gone);
      await dbaDeletesRow(missingRow);
      await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = ${noHistory}`;

      const { body } = await status({
        records: [ok, gone, missingRow, noHistory, never, deleted].map((hash_id) => ({ hash_id })),
      });
      expect(body.results.map((r: { status: string; note?: string }) => [r.status, r.note ?? null])).toEqual([
        ['COMPLETED', null],
        ['COMPLETED', 'Record was deleted'],
        ['ERROR', null],
        ['ERROR', null],
        ['NOT_FOUND', null],
        ['COMPLETED', 'Record was deleted'],
      ]);
      expect(body.results[2].error_details).toMatch(lost('CREATE'));
      expect(body.results[3].error_details).toMatch(/^Operation record missing but data exists/);
    });

    it("bulk loss of a client's rows: batch status says ERROR for all, a batch resend restores every one", async () => {
      const ids = Array.from({ length: 300 }, () => recordId('bulk'));
      await t
        .as('GDL')
        .post('/tables/devolucion/batch')
        .send({ operations: ids.map((id) => ({ operation: 'CREATE', record: { id, n: id } })) })
        .expect(200);
      await t
        .as('GDL')
        .post('/tables/devolucion/batch')
        .send({
          operations: ids.slice(0, 100).map((id) => ({ operation: 'UPDATE', record: { id, ver: 2, n: `${id}-2` } })),
        })
        .expect(200);
      await t.prisma.$executeRaw`DELETE FROM devolucion WHERE _client_id = 'GDL_002'`;

      const monitor = await t.as('admin').get('/monitoring/lost-rows?table=devolucion').expect(200);
      expect(monitor.body).toMatchObject({
        level: 'critical',
        tables: [{ table: 'devolucion', lost: 300, clients: [{ client_id: 'GDL_002', lost: 300, level: 'critical' }] }],
      });
      expect(monitor.body.tables[0].clients[0].records).toHaveLength(100);
      expect(monitor.body.tables[0].clients[0].records[0]).toEqual({
        hash_id: expect.any(String),
        ver: expect.any(Number),
        operation: expect.stringMatching(/^(CREATE|UPDATE)$/),
        completed_at: expect.any(String),
      });
      // Like every timestamp of the API: ISO 8601 in UTC with `Z`, the operation's own time.
      const first = monitor.body.tables[0].clients[0].records[0];
      const [op] = await t.prisma.$queryRaw<{ updated_at: Date }[]>`
        SELECT updated_at FROM sync_operations
        WHERE client_id = 'GDL_002' AND table_name = 'devolucion' AND record_id = ${first.hash_id}
        ORDER BY id DESC LIMIT 1`;
      expect(first.completed_at).toBe(op.updated_at.toISOString());

      const asked = await t
        .as('GDL')
        .post('/tables/devolucion/records')
        .send({ records: ids.map((hash_id) => ({ hash_id })) })
        .expect(200);
      expect(asked.body.results.every((r: { status: string }) => r.status === 'ERROR')).toBe(true);

      // The client resends each record's latest change: UPDATE at ver 2 for the first 100, CREATE for the rest.
      const resend = ids.map((id, i) =>
        i < 100
          ? { operation: 'UPDATE', record: { id, ver: 2, n: `${id}-2` } }
          : { operation: 'CREATE', record: { id, n: id } },
      );
      await t.as('GDL').post('/tables/devolucion/batch').send({ operations: resend }).expect(200);

      const healed = await t
        .as('GDL')
        .post('/tables/devolucion/records')
        .send({ records: ids.map((hash_id) => ({ hash_id })) })
        .expect(200);
      expect(healed.body.results.map((r: { status: string; data: { n: string } }) => [r.status, r.data.n])).toEqual(
        ids.map((id, i) => ['COMPLETED', i < 100 ? `${id}-2` : id]),
      );
      expect((await t.as('admin').get('/monitoring/lost-rows?table=devolucion')).body).toMatchObject({
        level: 'normal',
        tables: [{ lost: 0, clients: [] }],
      });
    });

    it('the lost-rows monitor ignores deleted records and filters by client', async () => {
      const [a, b] = [recordId('mon'), recordId('mon')];
      await t.as('MTY').post('/items').send({ id: a }).expect(200);
      await t.as('MTY').post('/items').send({ id: b }).expect(200);
      await t.as('MTY').delete(`/items/${b}?ver=2`).expect(200);
      await dbaDeletesRow(a);
      await dbaDeletesRow(b); // a purged tombstone: still deleted, not lost

      const { body } = await t.as('admin').get('/monitoring/lost-rows?table=venta&client_id=MTY_001').expect(200);
      const ids = body.tables[0].clients.flatMap((c: { records: { hash_id: string }[] }) =>
        c.records.map((r) => r.hash_id),
      );
      expect(ids).toContain(a);
      expect(ids).not.toContain(b);
      expect(
        (await t.as('admin').get('/monitoring/lost-rows?client_id=NOBODY')).body.tables.every(
          (x: { lost: number }) => x.lost === 0,
        ),
      ).toBe(true);
      await t.as('MTY').get('/monitoring/lost-rows').expect(401);
    });
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

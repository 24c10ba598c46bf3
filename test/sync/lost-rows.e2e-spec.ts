import { recordId, TestApp } from '@app/testing';
import { useVentaApp } from './venta-kit';

const lost = (op: 'CREATE' | 'UPDATE') =>
  new RegExp(
    `^Operation ${op} marked as COMPLETED but record not found in main table .* please resend to restore the record$`,
  );

/** Issue 12 (a lost row never answers COMPLETED), over HTTP. */
describe('Lost rows and tombstones', () => {
  const kit = useVentaApp();
  const { status, dbaDeletesRow } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.t;
  });

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
        device_id: null, // sent without X-Device-Id
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

    it('names the device of the operation each lost record was last written by', async () => {
      const [a, b] = [recordId('dev'), recordId('dev')];
      await t.as('MTY').post('/items').set('X-Device-Id', 'till-1').send({ id: a }).expect(200);
      await t.as('MTY').put(`/items/${a}`).set('X-Device-Id', 'till-2').send({ ver: 2, total: 2 }).expect(200);
      await t.as('MTY').post('/items').send({ id: b }).expect(200);
      await dbaDeletesRow(a);
      await dbaDeletesRow(b);

      const { body } = await t.as('admin').get('/monitoring/lost-rows?table=venta&client_id=MTY_001').expect(200);
      const records = body.tables[0].clients[0].records as { hash_id: string }[];
      expect(records.find((r) => r.hash_id === a)).toEqual({
        hash_id: a,
        ver: 2,
        operation: 'UPDATE',
        completed_at: expect.any(String),
        device_id: 'till-2', // the UPDATE's device, not the CREATE's
      });
      expect(records.find((r) => r.hash_id === b)).toMatchObject({ hash_id: b, device_id: null });
    });
  });
});

import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, recordId, recordQueries, saleRecord, TestApp } from '@app/testing';

describe('Ingest semantics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  const mty = () => t.as('MTY');
  const { statusOf, history } = recordQueries(mty);

  it('stores whatever fields the client sends and gives them back exactly', async () => {
    const fields = {
      name: 'Ñandú "quoted" \\ back',
      total: 1234.5678,
      big: 9007199254740991,
      negative: -0.5,
      flags: [true, false, null],
      nested: { deep: { deeper: ['a', { b: 1 }] }, empty: {} },
      emoji: '🧾 recibo',
      nothing: null,
    };
    const id = recordId();
    await mty()
      .post('/items')
      .send({ id, ver: 3, ...fields })
      .expect(200);
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 3, ...fields });
  });

  it('CREATE of an existing record leaves the data untouched and notes the duplicate', async () => {
    const id = recordId();
    await mty().post('/items').send({ id, total: 1 }).expect(200);
    const again = await mty().post('/items').send({ id, total: 999 }).expect(200);
    expect(again.body.note).toBe('Duplicate bypassed');
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 1, total: 1 });
    expect((await history(id)).map((o: { note: string }) => o.note)).toEqual([null, 'Duplicate bypassed']);
  });

  it('UPDATE of a missing record creates it, with a note', async () => {
    const id = recordId();
    const res = await mty().put(`/items/${id}`).send({ ver: 2, total: 5 }).expect(200);
    expect(res.body.note).toBe('Record did not exist - created by update');
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 2, total: 5 });
  });

  it('UPDATE older than the stored version is ignored; equal or newer applies', async () => {
    const id = recordId();
    await mty().post('/items').send({ id, ver: 5, total: 50 }).expect(200);
    const stale = await mty().put(`/items/${id}`).send({ ver: 4, total: 40 }).expect(200);
    expect(stale.body.note).toBe('Stale version ignored');
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 5, total: 50 });

    await mty().put(`/items/${id}`).send({ ver: 5, total: 55 }).expect(200);
    expect((await statusOf(id)).data.total).toBe(55);
    await mty().put(`/items/${id}`).send({ ver: 6, total: 60 }).expect(200);
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 6, total: 60 });
  });

  it('DELETE older than the stored version keeps the row; DELETE of a missing record is "Already deleted"', async () => {
    const id = recordId();
    await mty().post('/items').send({ id, ver: 3 }).expect(200);
    expect((await mty().delete(`/items/${id}?ver=2`).expect(200)).body.note).toBe('Stale version ignored');
    expect((await statusOf(id)).status).toBe('COMPLETED');
    expect((await mty().delete(`/items/${id}?ver=3&id_cola=q-9`).expect(200)).body.note).toBeUndefined();
    expect((await statusOf(id)).data).toBeNull();
    expect((await mty().delete(`/items/${id}`).expect(200)).body.note).toBe('Already deleted');
  });

  it('a body id that disagrees with the path is refused and writes nothing', async () => {
    const id = recordId();
    const res = await mty().put(`/items/${id}`).send({ id: 'other', total: 1 }).expect(400);
    expect(res.body.message).toMatch(/does not match/);
    expect(await history(id)).toEqual([]);
  });

  it('status with ver selects that batch version, and id_cola prefers the operation logged with it', async () => {
    const id = recordId();
    await mty().post('/items').send({ id, ver: 1, id_cola: 'job-a' }).expect(200);
    await mty().put(`/items/${id}`).send({ ver: 2, id_cola: 'job-b', total: 2 }).expect(200);
    await t.prisma
      .$executeRaw`UPDATE sync_operations SET status = 'ERROR', error = 'boom' WHERE record_id = ${id} AND queue_id = 'job-a'`;

    expect((await statusOf(id)).status).toBe('COMPLETED'); // newest operation
    expect(await statusOf(id, { id_cola: 'job-a' })).toEqual({
      hash_id: id,
      status: 'ERROR',
      error_details: 'boom',
      data: null,
    });
    expect((await statusOf(id, { ver: 1 })).status).toBe('ERROR');
    expect((await statusOf(id, { ver: 2 })).status).toBe('COMPLETED');
    expect((await statusOf(id, { ver: 3 })).status).toBe('NOT_FOUND');
    expect((await statusOf(id, { id_cola: 'unknown-job' })).status).toBe('COMPLETED');
  });

  it('id_cola prefers its operation over newer ones logged without a queue id', async () => {
    const id = recordId();
    await mty().post('/items').send({ id, id_cola: 'job-x' }).expect(200);
    await t.prisma.$executeRaw`UPDATE sync_operations SET status = 'ERROR', error = 'boom' WHERE record_id = ${id}`;
    await mty().post('/items').send({ id }).expect(200); // newer, no id_cola
    expect((await statusOf(id, { id_cola: 'job-x' })).status).toBe('ERROR');
    expect((await statusOf(id)).status).toBe('COMPLETED');
  });

  it('an operation still QUEUED or PROCESSING answers PROCESSING', async () => {
    const id = recordId();
    await t.prisma
      .$executeRaw`INSERT INTO sync_operations (table_name, record_id, client_id, operation, status) VALUES ('venta', ${id}, 'MTY_001', 'CREATE', 'QUEUED')`;
    expect(await statusOf(id)).toEqual({ hash_id: id, status: 'PROCESSING', data: null });
  });

  it('answers up to 1,000 status queries in request order', async () => {
    const ids = Array.from({ length: 1000 }, () => recordId('many'));
    const operations = ids.filter((_, i) => i % 2 === 0).map((id) => ({ operation: 'CREATE', record: { id, n: 1 } }));
    await mty().post('/tables/venta/batch').send({ operations }).expect(200);
    const { body } = await mty()
      .post('/records')
      .send({ records: ids.map((hash_id) => ({ hash_id })) })
      .expect(200);
    expect(body.results.map((r: { hash_id: string }) => r.hash_id)).toEqual(ids);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(
      ids.map((_, i) => (i % 2 === 0 ? 'COMPLETED' : 'NOT_FOUND')),
    );
    await mty()
      .post('/records')
      .send({ records: [...ids, 'one-too-many'].map((hash_id) => ({ hash_id })) })
      .expect(400);
  });

  it('each synced table has the same endpoints, separately; an unknown table is a 404', async () => {
    const id = recordId();
    await mty().post('/tables/devolucion/items').send({ id, reason: 'damaged' }).expect(200);
    expect((await statusOf(id, {}, 'devolucion')).data).toEqual({ _hash_id: id, _ver: 1, reason: 'damaged' });
    expect((await statusOf(id)).status).toBe('NOT_FOUND'); // /records is DEFAULT_TABLE (venta)
    const h = await mty().get(`/tables/devolucion/items/${id}/history`).expect(200);
    expect(h.body).toMatchObject({ table: 'devolucion', operations: [{ operation: 'CREATE', status: 'COMPLETED' }] });

    for (const path of [
      '/tables/clientes/items',
      '/tables/venta%3Bdrop%20table%20venta/items',
      '/tables/VENTA/items',
    ]) {
      const res = await mty().post(path).send(saleRecord()).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, message: expect.stringMatching(/Unknown table/) });
    }
  });
});

import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, recordId, TestApp } from '@app/testing';

describe('Batches and concurrency', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { DATABASE_POOL_SIZE: '20' } });
  });
  afterAll(() => t.close());

  const batch = (operations: unknown[], who: 'MTY' | 'GDL' = 'MTY') =>
    t.as(who).post('/tables/venta/batch').send({ operations });
  const statuses = async (ids: string[]) =>
    (
      await t
        .as('MTY')
        .post('/records')
        .send({ records: ids.map((hash_id) => ({ hash_id })) })
        .expect(200)
    ).body.results.map((r: { status: string }) => r.status);

  it('applies mixed operations in order, one result per entry, and a bad entry fails alone', async () => {
    const [a, b, c] = [recordId(), recordId(), recordId()];
    await t.as('MTY').post('/items').send({ id: c, ver: 1 }).expect(200);
    const { body } = await batch([
      { operation: 'CREATE', record: { id: a, total: 1 } },
      { operation: 'UPDATE', record: { id: a, ver: 2, total: 2 } },
      { operation: 'CREATE', record: { id: b, ver: 'two' } },
      { operation: 'MERGE', record: { id: b } },
      { operation: 'DELETE', record: { id: c } },
      { operation: 'CREATE', record: { total: 3 } },
      'not an object',
      { operation: 'UPDATE', record: { id: a, ver: 3, total: 3 } },
    ]).expect(200);

    expect(body.results.map((r: { status: string }) => r.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'ERROR',
      'ERROR',
      'COMPLETED',
      'ERROR',
      'ERROR',
      'COMPLETED',
    ]);
    expect(body.results[2]).toMatchObject({
      index: 2,
      id: b,
      operation: 'CREATE',
      error: expect.stringMatching(/ver must be an integer/),
    });
    expect(body.results[3]).toMatchObject({
      id: b,
      operation: null,
      error: expect.stringMatching(/operation must be one of/),
    });
    expect(body.results[5]).toMatchObject({ id: null, error: 'id is required' });
    expect(body).toMatchObject({ completed: 4, failed: 4 });

    const { body: status } = await t
      .as('MTY')
      .post('/records')
      .send({ records: [{ hash_id: a }, { hash_id: b }, { hash_id: c }] })
      .expect(200);
    expect(status.results[0]).toEqual({ hash_id: a, status: 'COMPLETED', data: { _hash_id: a, _ver: 3, total: 3 } });
    expect(status.results[1]).toMatchObject({
      status: 'ERROR',
      error_details: expect.stringMatching(/ver must be an integer/),
    });
    expect(status.results[2]).toEqual({ hash_id: c, status: 'COMPLETED', note: 'Record was deleted', data: null });
  });

  it('CREATE, UPDATE and DELETE of one record in one batch run in order', async () => {
    const id = recordId();
    const { body } = await batch([
      { operation: 'CREATE', record: { id, v: 1 } },
      { operation: 'UPDATE', record: { id, v: 2 } },
      { operation: 'DELETE', record: { id } },
      { operation: 'CREATE', record: { id, v: 4 } },
      { operation: 'CREATE', record: { id, ver: 2, v: 5 } },
    ]).expect(200);
    // The deletion leaves a tombstone at ver 1: a CREATE at ver 1 cannot bring the record back, one at ver 2 does.
    expect(body.results.map((r: { note?: string }) => r.note ?? null)).toEqual([
      null,
      null,
      null,
      'Stale version ignored',
      null,
    ]);
    expect((await t.as('MTY').post('/records').send({ hash_id: id })).body.data).toEqual({
      _hash_id: id,
      _ver: 2,
      v: 5,
    });
  });

  it('rejects an empty batch, more than 1,000 entries, or a body that is not { operations: [...] }', async () => {
    await batch([]).expect(400);
    await batch(Array.from({ length: 1001 }, () => ({ operation: 'CREATE', record: { id: recordId() } }))).expect(400);
    await t
      .as('MTY')
      .post('/tables/venta/batch')
      .send([{ operation: 'CREATE' }])
      .expect(400);
    await t.as('MTY').post('/tables/venta/batch').send({ operations: [], extra: 1 }).expect(400);
  });

  it('50 concurrent identical creates give one row, one creation and 49 bypassed duplicates, no ERROR', async () => {
    const id = recordId();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => t.as('MTY').post('/items').send({ id, total: 7 })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses.filter((r) => r.body.note === 'Duplicate bypassed')).toHaveLength(49);

    const [{ rows }] = await t.prisma.$queryRaw<
      { rows: number }[]
    >`SELECT count(*)::int AS rows FROM venta WHERE _hash_id = ${id}`;
    expect(rows).toBe(1);
    const ops = await t.prisma.$queryRaw<
      { status: string; n: number }[]
    >`SELECT status::text, count(*)::int AS n FROM sync_operations WHERE record_id = ${id} GROUP BY 1`;
    expect(ops).toEqual([{ status: 'COMPLETED', n: 50 }]);
  });

  it('a status query racing its create never answers ERROR', async () => {
    const ids = Array.from({ length: 400 }, () => recordId('race'));
    const seen = new Set<string>();
    let writing = true;
    const poll = (async () => {
      while (writing) for (const s of await statuses(ids)) seen.add(s);
    })();
    for (let i = 0; i < ids.length; i += 20) {
      await Promise.all(ids.slice(i, i + 20).map((id) => t.as('MTY').post('/items').send({ id })));
    }
    writing = false;
    await poll;
    expect(new Set(await statuses(ids))).toEqual(new Set(['COMPLETED']));
    expect(seen.has('ERROR')).toBe(false);
    expect(seen.has('COMPLETED')).toBe(true);
  });

  it('a status query racing deletes and re-creates never answers ERROR (neither missing history nor a lost row)', async () => {
    const ids = Array.from({ length: 200 }, () => recordId('race2'));
    await batch(ids.map((id) => ({ operation: 'CREATE', record: { id } }))).expect(200);
    const seen = new Set<string>();
    let writing = true;
    const poll = (async () => {
      while (writing) for (const s of await statuses(ids)) seen.add(s);
    })();
    for (let i = 0; i < ids.length; i += 20) {
      const slice = ids.slice(i, i + 20);
      await Promise.all(slice.map((id) => t.as('MTY').delete(`/items/${id}?ver=2`)));
      await Promise.all(slice.map((id) => t.as('MTY').put(`/items/${id}`).send({ ver: 3, back: true })));
    }
    writing = false;
    await poll;
    expect(new Set(await statuses(ids))).toEqual(new Set(['COMPLETED']));
    expect(seen.has('ERROR')).toBe(false);
  });

  it("bulk deletion of a client's operations: batch status says ERROR for each, a batch resend heals every one", async () => {
    const ids = Array.from({ length: 300 }, () => recordId('bulk'));
    await batch(ids.map((id) => ({ operation: 'CREATE', record: { id, n: 1 } }))).expect(200);
    await batch([{ operation: 'CREATE', record: { id: ids[0], other: true } }], 'GDL').expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE client_id = 'MTY_001' AND record_id LIKE 'bulk-%'`;

    expect(new Set(await statuses(ids))).toEqual(new Set(['ERROR']));
    const gdl = await t.as('GDL').post('/records').send({ hash_id: ids[0] }).expect(200);
    expect(gdl.body.status).toBe('COMPLETED'); // another client's history is untouched

    const resend = await batch(ids.map((id) => ({ operation: 'CREATE', record: { id, n: 1 } }))).expect(200);
    expect(new Set(resend.body.results.map((r: { note: string }) => r.note))).toEqual(new Set(['Duplicate bypassed']));
    expect(new Set(await statuses(ids))).toEqual(new Set(['COMPLETED']));
  });
});

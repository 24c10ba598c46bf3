import { recordId } from '@app/testing';
import { useCitusApp } from './citus-kit';

/** Status on Citus: one record, many at once, versions, deleted, unknown, another store's (issue 28). */
describe('Status on Citus', () => {
  const kit = useCitusApp();
  const status = (body: Record<string, unknown>, who: 'MTY' | 'GDL' = 'MTY') =>
    kit.t.as(who).post('/records').send(body).expect(200);

  it('answers one record with its data, for the version asked or an older one', async () => {
    const id = recordId('st');
    await kit.t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
    expect((await status({ hash_id: id })).body).toEqual({
      hash_id: id,
      status: 'COMPLETED',
      data: { _hash_id: id, _ver: 1, total: 1 },
    });
    await kit.t.as('MTY').put(`/items/${id}`).send({ ver: 2, total: 2 }).expect(200);
    expect((await status({ hash_id: id, ver: 2 })).body).toMatchObject({ status: 'COMPLETED', data: { _ver: 2 } });
    expect((await status({ hash_id: id, ver: 1 })).body).toMatchObject({ status: 'COMPLETED', data: { _ver: 2 } });
  });

  it('answers 1,000 records at once in order: live, deleted and unknown; another store’s are unknown', async () => {
    const ids = Array.from({ length: 998 }, () => recordId('many'));
    await kit.t
      .as('MTY')
      .post('/tables/venta/batch')
      .send({ operations: ids.map((id, n) => ({ operation: 'CREATE', record: { id, n } })) })
      .expect(200);
    await kit.t.as('MTY').delete(`/items/${ids[5]}?ver=2`).expect(200);
    const unknown = recordId('unknown');
    const gdl = recordId('gdl');
    await kit.t.as('GDL').post('/items').send({ id: gdl }).expect(200);
    const asked = [...ids, unknown, gdl];
    const { body } = await status({ records: asked.map((hash_id) => ({ hash_id })) });
    expect(body.results.map((r: { hash_id: string }) => r.hash_id)).toEqual(asked);
    const statuses = body.results.map(
      (r: { status: string; note?: string }) => `${r.status}${r.note ? `:${r.note}` : ''}`,
    );
    expect(statuses.filter((s: string) => s === 'COMPLETED')).toHaveLength(997);
    expect(statuses[5]).toBe('COMPLETED:Record was deleted');
    expect(statuses.slice(-2)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(body.results[7]).toEqual({
      hash_id: ids[7],
      status: 'COMPLETED',
      data: { _hash_id: ids[7], _ver: 1, n: 7 },
    });
  });

  it('answers per table (/tables/devolucion/records) from that table only', async () => {
    const id = recordId('dev');
    await kit.t.as('GDL').post('/tables/devolucion/items').send({ id, total: 3 }).expect(200);
    const asked = await kit.t.as('GDL').post('/tables/devolucion/records').send({ hash_id: id }).expect(200);
    expect(asked.body).toEqual({ hash_id: id, status: 'COMPLETED', data: { _hash_id: id, _ver: 1, total: 3 } });
    expect((await status({ hash_id: id }, 'GDL')).body.status).toBe('NOT_FOUND');
  });
});

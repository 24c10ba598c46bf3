import { recordId, recordQueries } from '@app/testing';
import { distribution, useCitusApp } from './citus-kit';

const lost = (op: 'CREATE' | 'UPDATE') =>
  new RegExp(
    `^Operation ${op} marked as COMPLETED but record not found in main table .* please resend to restore the record$`,
  );

/** Synchronous ingest on Citus: single, batch, mixed, tombstones, lost rows (issue 28). */
describe('Ingest on Citus', () => {
  const kit = useCitusApp({ env: { DATABASE_POOL_SIZE: '10' } });
  const mty = () => kit.t.as('MTY');
  const { statusOf, history } = recordQueries(mty);
  const row = async (id: string, client = 'MTY_001') =>
    (
      await kit.sql<{ ver: number; deleted: boolean; data: unknown }>(
        'SELECT _ver AS ver, _deleted AS deleted, data FROM venta WHERE _client_id = $1 AND _hash_id = $2',
        [client, id],
      )
    )[0];

  it('writes into hash-distributed, co-located tables', async () => {
    const tables = await distribution(kit.database.url);
    const venta = tables.find((t) => t.table === 'venta')!;
    const operations = tables.find((t) => t.table === 'sync_operations')!;
    expect(venta).toMatchObject({ method: 'h', column: expect.stringMatching(/client_id/) });
    expect(operations).toMatchObject({ method: 'h', colocation: venta.colocation });
  });

  it('single: a CREATE, its resend, an UPDATE and a DELETE answer as on PostgreSQL', async () => {
    const id = recordId('one');
    const created = await mty().post('/items').send({ id, name: 'Ana', total: 10 }).expect(200);
    expect(created.body).toEqual({
      status: 'success',
      hash_id: id,
      operation: 'CREATE',
      operation_id: expect.any(String),
    });
    expect((await mty().post('/items').send({ id, name: 'Ana', total: 10 }).expect(200)).body.note).toBe(
      'Duplicate bypassed',
    );
    await mty().put(`/items/${id}`).send({ ver: 2, total: 12 }).expect(200);
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 2, total: 12 });
    await mty().delete(`/items/${id}?ver=3`).expect(200);
    expect((await mty().post('/records').send({ hash_id: id }).expect(200)).body).toEqual({
      hash_id: id,
      status: 'COMPLETED',
      note: 'Record was deleted',
      data: null,
    });
    expect((await history(id)).map((o: { operation: string }) => o.operation)).toEqual([
      'CREATE',
      'CREATE',
      'UPDATE',
      'DELETE',
    ]);
  });

  it('batch: 500 creates of two stores in one request each, every entry COMPLETED', async () => {
    for (const who of ['MTY', 'GDL'] as const) {
      const ids = Array.from({ length: 500 }, () => recordId(who));
      const { body } = await kit.t
        .as(who)
        .post('/tables/venta/batch')
        .send({ operations: ids.map((id, n) => ({ operation: 'CREATE', record: { id, n } })) })
        .expect(200);
      expect(body).toMatchObject({ completed: 500, failed: 0 });
    }
    const counts = await kit.sql<{ client: string; n: number }>(
      `SELECT _client_id AS client, count(*)::int AS n FROM venta WHERE _hash_id LIKE 'MTY-%' OR _hash_id LIKE 'GDL-%' GROUP BY 1 ORDER BY 1`,
    );
    expect(counts).toEqual([
      { client: 'GDL_002', n: 500 },
      { client: 'MTY_001', n: 500 },
    ]);
  });

  it('mixed: CREATE, UPDATE and DELETE of the same and other records in one batch apply in order', async () => {
    const [a, b, c] = [recordId('mix'), recordId('mix'), recordId('mix')];
    await mty().post('/items').send({ id: c, total: 1 }).expect(200);
    const { body } = await mty()
      .post('/tables/venta/batch')
      .send({
        operations: [
          { operation: 'CREATE', record: { id: a, total: 1 } },
          { operation: 'UPDATE', record: { id: a, ver: 2, total: 2 } },
          { operation: 'CREATE', record: { id: b, total: 5 } },
          { operation: 'DELETE', record: { id: c, ver: 2 } },
          { operation: 'UPDATE', record: { id: a, ver: 3, total: 3 } },
          { operation: 'DELETE', record: { id: b, ver: 2 } },
        ],
      })
      .expect(200);
    expect(body.results.map((r: { status: string; note?: string }) => [r.status, r.note ?? null])).toEqual([
      ['COMPLETED', null],
      ['COMPLETED', null],
      ['COMPLETED', null],
      ['COMPLETED', null],
      ['COMPLETED', null],
      ['COMPLETED', null],
    ]);
    expect(await row(a)).toEqual({ ver: 3, deleted: false, data: { total: 3 } });
    expect(await row(b)).toMatchObject({ ver: 2, deleted: true });
    expect(await row(c)).toMatchObject({ ver: 2, deleted: true });
  });

  it('the issue’s reproduction: a DELETE at ver 1, then an UPDATE at ver 2, is "created by update" (upserted)', async () => {
    const id = recordId('repro');
    expect((await mty().delete(`/items/${id}?ver=1`).expect(200)).body.note).toBe('Already deleted');
    const update = await mty().put(`/items/${id}`).send({ ver: 2, total: 2 }).expect(200);
    expect(update.body).toMatchObject({ status: 'success', note: 'Record did not exist - created by update' });
    expect(await row(id)).toEqual({ ver: 2, deleted: false, data: { total: 2 } });

    // The same two in one batch (two rounds of one request).
    const other = recordId('repro');
    const { body } = await mty()
      .post('/tables/venta/batch')
      .send({
        operations: [
          { operation: 'DELETE', record: { id: other, ver: 1 } },
          { operation: 'UPDATE', record: { id: other, ver: 2, total: 2 } },
        ],
      })
      .expect(200);
    expect(body.results.map((r: { note?: string }) => r.note ?? null)).toEqual([
      'Already deleted',
      'Record did not exist - created by update',
    ]);
    expect(await row(other)).toEqual({ ver: 2, deleted: false, data: { total: 2 } });
  });

  it('tombstones: a late CREATE after the DELETE does not resurrect the record; a newer UPDATE does', async () => {
    const id = recordId('tomb');
    await mty().post('/items').send({ id, ver: 1, name: 'sale' }).expect(200);
    await mty().delete(`/items/${id}?ver=2`).expect(200);
    expect((await mty().post('/items').send({ id, ver: 1, name: 'sale' }).expect(200)).body.note).toBe(
      'Stale version ignored',
    );
    expect((await mty().delete(`/items/${id}?ver=2`).expect(200)).body.note).toBe('Already deleted');
    expect(await row(id)).toEqual({ ver: 2, deleted: true, data: {} });
    expect((await mty().put(`/items/${id}`).send({ ver: 3, total: 3 }).expect(200)).body.note).toBe(
      'Record did not exist - created by update',
    );
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 3, total: 3 });
  });

  it('lost rows: a row a DBA deleted answers ERROR; the resend restores it', async () => {
    const id = recordId('lost');
    await mty().post('/items').send({ id, name: 'Ana', total: 10 }).expect(200);
    await kit.sql(`DELETE FROM venta WHERE _client_id = 'MTY_001' AND _hash_id = $1`, [id]);
    expect((await mty().post('/records').send({ hash_id: id }).expect(200)).body).toEqual({
      hash_id: id,
      status: 'ERROR',
      error_details: expect.stringMatching(lost('CREATE')),
      data: null,
    });
    const resent = await mty().post('/items').send({ id, name: 'Ana', total: 10 }).expect(200);
    expect(resent.body.note).toBeUndefined(); // inserted again, not a duplicate
    expect((await statusOf(id)).data).toEqual({ _hash_id: id, _ver: 1, name: 'Ana', total: 10 });
  });

  it('keeps stores apart: GDL sees nothing of MTY’s records', async () => {
    const id = recordId('iso');
    await mty().post('/items').send({ id, total: 1 }).expect(200);
    expect((await kit.t.as('GDL').post('/records').send({ hash_id: id }).expect(200)).body.status).toBe('NOT_FOUND');
  });
});

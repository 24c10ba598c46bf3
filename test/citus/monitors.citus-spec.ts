import { recordId } from '@app/testing';
import { useCitusApp } from './citus-kit';

/** The missing-operations and lost-rows monitors on Citus: every client's rows, on every worker. */
describe('Monitors on Citus', () => {
  const kit = useCitusApp();
  const admin = (path: string) => kit.t.as('admin').get(path).expect(200);
  const batch = (who: 'MTY' | 'GDL', table: string, ids: string[]) =>
    kit.t
      .as(who)
      .post(`/tables/${table}/batch`)
      .send({ operations: ids.map((id) => ({ operation: 'CREATE', record: { id } })) })
      .expect(200);

  it('GET /monitoring/missing-operations counts rows without their operation, per table and client', async () => {
    const mty = Array.from({ length: 12 }, () => recordId('miss'));
    const gdl = Array.from({ length: 3 }, () => recordId('miss'));
    await batch('MTY', 'venta', mty);
    await batch('GDL', 'devolucion', gdl);
    expect((await admin('/monitoring/missing-operations')).body.level).toBe('normal');
    await kit.sql(`DELETE FROM sync_operations WHERE client_id = 'MTY_001' AND record_id = ANY($1)`, [mty]);
    await kit.sql(`DELETE FROM sync_operations WHERE client_id = 'GDL_002' AND record_id = ANY($1)`, [gdl]);

    const { body } = await admin('/monitoring/missing-operations');
    expect(body.level).toBe('warning');
    const table = (name: string) => body.tables.find((x: { table: string }) => x.table === name);
    expect(table('venta')).toMatchObject({
      missing: 12,
      clients: [{ client_id: 'MTY_001', missing: 12, level: 'warning' }],
    });
    expect(table('devolucion')).toMatchObject({ missing: 3, clients: [{ client_id: 'GDL_002', missing: 3 }] });
    expect(
      table('venta')
        .clients[0].records.map((r: { hash_id: string }) => r.hash_id)
        .sort(),
    ).toEqual([...mty].sort());
    expect((await admin('/monitoring/missing-operations?table=venta&client_id=GDL_002')).body).toMatchObject({
      level: 'normal',
      tables: [{ table: 'venta', missing: 0 }],
    });

    await batch('MTY', 'venta', mty); // the client resends: the history is back
    await batch('GDL', 'devolucion', gdl);
    expect((await admin('/monitoring/missing-operations')).body.level).toBe('normal');
  });

  it('GET /monitoring/lost-rows counts completed records whose row is gone, not tombstones', async () => {
    const lost = Array.from({ length: 11 }, () => recordId('lost'));
    const deleted = recordId('deleted');
    await batch('GDL', 'venta', [...lost, deleted]);
    await kit.t.as('GDL').delete(`/items/${deleted}?ver=2`).expect(200);
    await kit.sql(`DELETE FROM venta WHERE _client_id = 'GDL_002' AND _hash_id = ANY($1)`, [[...lost, deleted]]);

    const { body } = await admin('/monitoring/lost-rows?table=venta');
    expect(body).toMatchObject({
      level: 'warning',
      tables: [{ table: 'venta', lost: 11, clients: [{ client_id: 'GDL_002', lost: 11, level: 'warning' }] }],
    });
    const ids = body.tables[0].clients[0].records.map((r: { hash_id: string }) => r.hash_id);
    expect(ids.sort()).toEqual([...lost].sort());
    expect((await admin('/monitoring/lost-rows?client_id=MTY_001')).body.level).toBe('normal');

    await batch('GDL', 'venta', lost); // resent: the rows are back
    expect((await admin('/monitoring/lost-rows')).body.level).toBe('normal');
  });
});

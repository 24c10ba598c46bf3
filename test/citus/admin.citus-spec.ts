import { recordId } from '@app/testing';
import { useCitusApp } from './citus-kit';

/**
 * The admin reads of sync failures on Citus: each failure's device comes from its operation in the
 * log (a co-located lookup, by client id too), and the alerts' figures from subqueries Citus can
 * push down. Both answered 500 before ("complex joins...", "cannot push down subquery...").
 */
describe('Sync failure admin reads on Citus', () => {
  const kit = useCitusApp();
  const admin = () => kit.t.as('admin');

  it('lists failures with their device, critical ones, one by id, and the alerts', async () => {
    const id = recordId('adm');
    const res = await kit.t.as('MTY').post('/items').set('X-Device-Id', 'till-7').send({ id, total: 1 }).expect(200);
    await kit.sql(
      `INSERT INTO sync_failures (id, entity_type, entity_id, action, error, retry_count, updated_at, client_id, table_name, record_id, operation_id, next_retry_at)
       VALUES ('fail-1', 'SALE', $1, 'CREATE', 'refused', 5, now(), 'MTY_001', 'venta', $2, $3::bigint, NULL)`,
      [`MTY_001:${id}`, id, res.body.operation_id],
    );

    const list = (await admin().get('/sync-failures').expect(200)).body;
    expect(list.items).toEqual([expect.objectContaining({ id: 'fail-1', device_id: 'till-7', critical: true })]);
    expect((await admin().get('/sync-failures/critical').expect(200)).body.items).toHaveLength(1);
    expect((await admin().get('/sync-failures/fail-1').expect(200)).body).toMatchObject({ device_id: 'till-7' });
    expect((await admin().get('/sync-failures/alerts').expect(200)).body.failures_last_hour).toMatchObject({
      value: 1,
    });
  });
});

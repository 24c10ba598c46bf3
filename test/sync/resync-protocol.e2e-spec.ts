import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, saleRecord, TestApp } from '@app/testing';

const MISSING = 'Operation record missing but data exists in main table - please resend to recreate operation history';

/** The examples and resend flows of the product document (operation-resync.md), over HTTP. */
describe('Resync protocol', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  const status = (hashId: string, extra: Record<string, unknown> = {}) =>
    t
      .as('MTY')
      .post('/records')
      .send({ hash_id: hashId, ...extra });

  it('Example 3: a record with its operation answers COMPLETED with its data as sent', async () => {
    const record = saleRecord({ id: 'def456', ver: 1, name: 'Jane' });
    const created = await t.as('MTY').post('/items').send(record).expect(200);
    expect(created.body).toEqual({
      status: 'success',
      hash_id: 'def456',
      operation: 'CREATE',
      operation_id: expect.any(String),
    });

    const { body } = await status('def456', { id_cola: 'job789' }).expect(200);
    const { id, ver, ...fields } = record;
    expect(body).toEqual({ hash_id: 'def456', status: 'COMPLETED', data: { _hash_id: 'def456', _ver: 1, ...fields } });
  });

  it('Example 2: a record that never existed is NOT_FOUND', async () => {
    const { body } = await status('xyz999', { id_cola: 'job456' }).expect(200);
    expect(body).toEqual({ hash_id: 'xyz999', status: 'NOT_FOUND', data: null });
  });

  it('Example 1: a row whose operation was deleted answers ERROR; resending recreates the history', async () => {
    await t.as('MTY').post('/items').send({ id: 'abc123', name: 'John' }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = 'abc123'`;

    const missing = await status('abc123', { id_cola: 'job123' }).expect(200);
    expect(missing.body).toEqual({ hash_id: 'abc123', status: 'ERROR', error_details: MISSING, data: null });

    const resent = await t.as('MTY').post('/items').send({ id: 'abc123', name: 'John' }).expect(200);
    expect(resent.body).toMatchObject({ status: 'success', note: 'Duplicate bypassed' });

    const after = await status('abc123').expect(200);
    expect(after.body).toEqual({
      hash_id: 'abc123',
      status: 'COMPLETED',
      data: { _hash_id: 'abc123', _ver: 1, name: 'John' },
    });
    const history = await t.as('MTY').get('/items/abc123/history').expect(200);
    expect(history.body.operations).toEqual([
      expect.objectContaining({
        operation: 'CREATE',
        status: 'COMPLETED',
        note: 'Duplicate bypassed',
        batch_version: 1,
      }),
    ]);
  });

  it('UPDATE resend of a row without history executes and recreates the history', async () => {
    await t.as('MTY').post('/items').send({ id: 'upd-1', total: 1 }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = 'upd-1'`;
    expect((await status('upd-1')).body.status).toBe('ERROR');

    const resent = await t.as('MTY').put('/items/upd-1').send({ total: 2 }).expect(200);
    expect(resent.body).toEqual({
      status: 'success',
      hash_id: 'upd-1',
      operation: 'UPDATE',
      operation_id: expect.any(String),
    });
    expect((await status('upd-1')).body).toEqual({
      hash_id: 'upd-1',
      status: 'COMPLETED',
      data: { _hash_id: 'upd-1', _ver: 1, total: 2 },
    });
  });

  it('DELETE resend of a row without history deletes it and logs COMPLETED', async () => {
    await t.as('MTY').post('/items').send({ id: 'del-1', total: 1 }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = 'del-1'`;
    expect((await status('del-1')).body.status).toBe('ERROR');

    await t.as('MTY').delete('/items/del-1').expect(200);
    expect((await status('del-1')).body).toEqual({
      hash_id: 'del-1',
      status: 'COMPLETED',
      note: 'Record was deleted',
      data: null,
    });
    const again = await t.as('MTY').delete('/items/del-1').expect(200);
    expect(again.body.note).toBe('Already deleted');
  });
});

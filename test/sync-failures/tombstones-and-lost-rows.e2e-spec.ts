import { FakeExternalSystem } from './fake-external-system';
import { MINUTE, SyncApp, useSyncApp } from './sync-test-kit';

/** External sync with tombstones (issue 14) and lost rows (issue 12). */
describe('External sync of deleted and lost records', () => {
  let fake: FakeExternalSystem;
  let app: SyncApp;

  useSyncApp((suite) => ({ fake, app } = suite));

  it('sends each change with the payload ingest wrote for it: CREATE and UPDATE with the fields, DELETE without', async () => {
    await app.t.as('MTY').post('/items').send({ id: 'life-1', ver: 1, total: 5, note: 'a' }).expect(200);
    await app.t.as('MTY').put('/items/life-1').send({ ver: 2, total: 6 }).expect(200);
    await app.t.as('MTY').delete('/items/life-1?ver=3').expect(200);
    expect(await app.drainOutbox()).toEqual({ delivered: 3, failed: 0 });
    expect(fake.received.map((r) => [r.body.action, r.body.payload])).toEqual([
      ['CREATE', { _hash_id: 'life-1', _ver: 1, total: 5, note: 'a' }],
      ['UPDATE', { _hash_id: 'life-1', _ver: 2, total: 6 }],
      ['DELETE', { _hash_id: 'life-1', _ver: 3 }],
    ]);
  });

  it('a late CREATE or UPDATE of a deleted record sends nothing; a newer one sends a CREATE', async () => {
    await app.t.as('MTY').post('/items').send({ id: 'void-1', ver: 1, name: 'sale' }).expect(200);
    await app.t.as('MTY').delete('/items/void-1?ver=2').expect(200);
    await app.drainOutbox();
    expect(fake.received.map((r) => r.body.action)).toEqual(['CREATE', 'DELETE']);

    await app.t.as('MTY').post('/items').send({ id: 'void-1', ver: 1, name: 'sale' }).expect(200);
    await app.t.as('MTY').put('/items/void-1').send({ ver: 2, name: 'sale' }).expect(200);
    expect(await app.outboxCount()).toBe(0);
    await app.drainOutbox();
    expect(fake.received).toHaveLength(2);

    await app.t.as('MTY').put('/items/void-1').send({ ver: 3, name: 'again' }).expect(200);
    await app.drainOutbox();
    expect(fake.received.at(-1)!.body).toMatchObject({
      action: 'CREATE',
      payload: { _hash_id: 'void-1', _ver: 3, name: 'again' },
    });
  });

  it('a retry for a lost row resends what was recorded, never a DELETE no client made', async () => {
    fake.respondNext({ status: 500 });
    await app.t.as('MTY').post('/items').send({ id: 'lost-9', total: 7 }).expect(200);
    expect(await app.dispatcher.dispatchOnce()).toEqual({ delivered: 0, failed: 1 });
    await app.t.prisma.$executeRaw`DELETE FROM venta WHERE _hash_id = 'lost-9'`;

    app.clock.advance(6 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 1, delivered: 1 });
    expect(fake.received.at(-1)!.body).toMatchObject({
      action: 'CREATE',
      payload: { _hash_id: 'lost-9', _ver: 1, total: 7 },
    });
    expect(await app.failures()).toEqual([]);
  });

  it('a retry for a deleted record (tombstone) sends a DELETE with the deleting version', async () => {
    fake.respondNext({ status: 500 });
    await app.t.as('MTY').post('/items').send({ id: 'del-9', total: 7 }).expect(200);
    await app.dispatcher.dispatchOnce();
    await app.t.as('MTY').delete('/items/del-9?ver=4').expect(200);
    await app.drainOutbox(); // the DELETE waits behind the record's open failure

    app.clock.advance(6 * MINUTE);
    await app.retry.retryDue();
    await app.drainOutbox();
    const sent = fake.received.filter((r) => r.body.payload._hash_id === 'del-9').map((r) => r.body);
    expect(sent.at(-1)).toMatchObject({ action: 'DELETE', payload: { _hash_id: 'del-9', _ver: 4 } });
    expect(sent.some((m) => m.action === 'CREATE' && m !== sent[0])).toBe(false);
  });
});

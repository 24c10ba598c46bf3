import { ApiModule } from '../../apps/api/src/api.module';
import { AsyncIngestWorker } from '@app/ingest';
import { createTestApp, recordId, TestApp } from '@app/testing';

/** Asynchronous operations keep their payload in the audit trail too (queued with it, applied from it). */
describe.each([
  ['on', true],
  ['off', false],
])('Audit trail payloads of queued operations, AUDIT_PAYLOADS %s', (setting, kept) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { AUDIT_PAYLOADS: String(kept) } });
  });
  afterAll(() => t.close());

  it(
    kept
      ? 'keeps the payload while queued and once applied, and shows what an UPDATE changed'
      : 'keeps the payload only until a worker applies it',
    async () => {
      const id = recordId('async');
      await t.as('MTY').post('/items').set('Prefer', 'respond-async').send({ id, total: 1, coupon: 'A' }).expect(202);
      await t.as('MTY').put(`/items/${id}`).set('Prefer', 'respond-async').send({ ver: 2, total: 2 }).expect(202);
      const history = async () => (await t.as('MTY').get(`/items/${id}/history`).expect(200)).body.operations;

      expect((await history()).map((o: { status: string; payload: unknown }) => [o.status, o.payload])).toEqual([
        ['QUEUED', { total: 1, coupon: 'A' }],
        ['QUEUED', { total: 2 }],
      ]);
      // a record's operations are applied one per round, in order: run rounds until the queue is empty
      const worker = t.get<AsyncIngestWorker>(AsyncIngestWorker);
      for (let round = 0; round < 10; round++) {
        const { completed, failed } = await worker.processOnce();
        if (completed + failed === 0) break;
      }
      const applied = await history();
      expect(applied.map((o: { status: string }) => o.status)).toEqual(['COMPLETED', 'COMPLETED']);
      if (kept) {
        expect(applied.map((o: { payload: unknown }) => o.payload)).toEqual([{ total: 1, coupon: 'A' }, { total: 2 }]);
        expect(applied[1].changes).toEqual({ total: { from: 1, to: 2 }, coupon: { from: 'A' } });
      } else {
        expect(applied.map((o: { payload: unknown; changes: unknown }) => [o.payload, o.changes])).toEqual([
          [null, null],
          [null, null],
        ]);
      }
    },
  );
});

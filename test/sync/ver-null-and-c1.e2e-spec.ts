import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp, writtenCounts } from '@app/testing';

/** `ver: null` is not a version, and C1 controls (U+0080-U+009F) are control characters: 400, nothing written. */
describe('ver null and C1 control characters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { LEGACY_RATE_LIMIT: '0' } });
  });
  afterAll(() => t.close());

  it.each([
    [{ id: 'v-null', ver: null, total: 1 }, /ver must be an integer/],
    [{ id: 'c1\u0085', total: 1 }, /id must not contain control characters/],
    [{ id: '\u0080', total: 1 }, /id must not contain control characters/],
    [{ id: 'ok', id_cola: 'job\u009f', total: 1 }, /id_cola must not contain control characters/],
  ])('refuses %j, either path', async (record, message) => {
    const before = await writtenCounts(t);
    for (const prefer of [undefined, 'respond-async']) {
      const request = t.as('MTY').post('/items');
      if (prefer) request.set('Prefer', prefer);
      const { body } = await request.send(record).expect(400);
      expect(body.message).toMatch(message);
    }
    expect(await writtenCounts(t)).toEqual(before);
  });

  it('refuses a C1 control in a status query and a legacy record id', async () => {
    await t.as('MTY').post('/records').send({ hash_id: 'x\u0090' }).expect(400);
    await t
      .as('MTY')
      .post('/legacy/items')
      .send({ operation: 'create', table_name: 'venta', records: [{ __meta: { hash_id: 'l\u0085' }, total: 1 }] })
      .expect(400);
  });
});

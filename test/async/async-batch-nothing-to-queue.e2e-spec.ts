import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp, writtenCounts } from '@app/testing';

/** An asynchronous batch with nothing to log has no job to follow: a 400, not a 202 whose Location is 404. */
describe('Asynchronous batch with nothing to queue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  it.each([
    [[{ operation: 'CREATE', record: { id: '' } }]],
    [[{ operation: 'UPSERT', record: { total: 1 } }]],
    [[{ operation: 'CREATE', record: { id: 'c\ud800' } }, { record: { id: 'x' } }]],
  ])('refuses %j whole with a 400 that writes nothing', async (operations) => {
    const before = await writtenCounts(t);
    const response = await t
      .as('MTY')
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send({ operations })
      .expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toEqual(
      expect.objectContaining({
        statusCode: 400,
        details: expect.arrayContaining([expect.stringMatching(/^operations\[0\]: /)]),
      }),
    );
    expect(await writtenCounts(t)).toEqual(before);
  });

  it('one loggable entry is enough for a job: 202, and its Location answers', async () => {
    const response = await t
      .as('MTY')
      .post('/tables/venta/batch')
      .set('Prefer', 'respond-async')
      .send({ operations: [{ operation: 'CREATE', record: { id: 'ok', ver: 0 } }, { record: {} }] })
      .expect(202);
    await t.as('MTY').get(response.headers.location).expect(200);
  });
});

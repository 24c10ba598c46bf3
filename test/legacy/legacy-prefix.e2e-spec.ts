import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';

/** The protocol lives under one configurable prefix, documented under its own OpenAPI tag. */
describe('Original protocol: LEGACY_PREFIX and OpenAPI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { LEGACY_PREFIX: '/store/v1' } });
  });
  afterAll(() => t.close());

  it('serves the routes under the configured prefix only, leaving today’s /records as it was', async () => {
    const { body } = await t
      .as('MTY')
      .post('/store/v1/records?table=venta&field_id=hash_id&client_id=MTY_001')
      .set('Content-Type', 'text/plain')
      .send('{"hash_id":"a"}')
      .expect(200);
    expect(body).toMatchObject({ total_records: 1, records: [{ hash_id: 'a', status: 'NOT_FOUND', data: null }] });
    await t
      .as('MTY')
      .post('/legacy/records?table=venta&field_id=hash_id&client_id=MTY_001')
      .set('Content-Type', 'text/plain')
      .send('{"hash_id":"a"}')
      .expect(404);
    expect((await t.as('MTY').post('/records').send({ hash_id: 'a' }).expect(200)).body).toEqual({
      hash_id: 'a',
      status: 'NOT_FOUND',
      data: null,
    });
  });

  it('documents both routes under the legacy-protocol tag, with their error envelope', async () => {
    const doc = (await t.as('anonymous').get('/docs-json').expect(200)).body;
    for (const path of ['/store/v1/items', '/store/v1/records']) {
      expect(doc.paths[path].post.tags).toEqual(['legacy-protocol']);
      expect(doc.paths[path].post.responses['403'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/LegacyErrorDto',
      );
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['LegacyQueuedDto', 'LegacyErrorDto', 'LegacyStatusResponseDto']),
    );
  });
});

import { setupSwagger } from '@app/platform';
import { HealthController } from '@app/platform/health/health.controller';
import { createTestApp, TestApp, TestDatabase } from '@app/testing';
import { FoundationTestModule } from './foundation-test.module';

describe('Health and API docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => FoundationTestModule.register(config) });
  });
  afterAll(() => t.close());

  describe(HealthController.name, () => {
    it('answers GET /health with 200 when the database is up, without credentials', async () => {
      const { body } = await t.as('anonymous').get('/health').expect(200);
      expect(body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('answers 503 in the JSON error shape when the database does not answer', async () => {
      const missing: TestDatabase = {
        name: 'none',
        url: t.database.url.replace(/\/[^/]+$/, '/resync_no_such_database'),
        drop: async () => undefined,
      };
      const down = await createTestApp({
        module: (config) => FoundationTestModule.register(config),
        database: missing,
      });
      try {
        const { body } = await down.as('anonymous').get('/health').expect(503);
        expect(body).toMatchObject({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Health check failed: database',
          requestId: expect.any(String),
        });
      } finally {
        await down.close();
      }
    });
  });

  describe(setupSwagger.name, () => {
    it('serves the UI as HTML at /docs', async () => {
      const response = await t.as('anonymous').get('/docs').redirects(1).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger-ui');
    });

    it('serves the OpenAPI document at /docs-json with both bearer schemes', async () => {
      const response = await t.as('anonymous').get('/docs-json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(response.body.components.securitySchemes).toEqual({
        'client-key': expect.objectContaining({ type: 'http', scheme: 'bearer' }),
        'admin-token': expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      });
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/echo']));
    });
  });
});

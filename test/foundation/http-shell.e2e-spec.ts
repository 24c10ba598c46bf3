import { configureHttp } from '@app/platform';
import { createTestApp, TestApp } from '@app/testing';
import { FoundationTestModule } from './foundation-test.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LIMIT = 2048;

/** What configureHttp gives every app: request ids, the JSON body parser and one error shape. */
describe(configureHttp.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => FoundationTestModule.register(config),
      env: { BODY_LIMIT_BYTES: String(LIMIT) },
    });
  });
  afterAll(() => t.close());

  describe('X-Request-Id', () => {
    it('echoes a well-formed id the caller sent', async () => {
      const response = await t.as('anonymous').get('/health').set('X-Request-Id', 'edge-42.abc:1').expect(200);
      expect(response.headers['x-request-id']).toBe('edge-42.abc:1');
    });

    it('generates a fresh UUID when none is sent', async () => {
      const first = await t.as('anonymous').get('/health').expect(200);
      const second = await t.as('anonymous').get('/health').expect(200);
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    });

    it.each([
      ['spaces and markup', 'id with <script>'],
      ['more than 128 characters', 'x'.repeat(129)],
    ])('replaces an id with %s', async (_, given) => {
      const response = await t.as('anonymous').get('/health').set('X-Request-Id', given).expect(200);
      expect(response.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('request bodies', () => {
    it('parses a JSON body under the limit and validates it', async () => {
      const { body } = await t
        .as('anonymous')
        .post('/echo')
        .send({ text: 'a'.repeat(LIMIT / 2), count: 3 })
        .expect(200);
      expect(body).toEqual({ text: 'a'.repeat(LIMIT / 2), count: 3 });
    });

    it('answers malformed JSON with 400 in the JSON error shape', async () => {
      const response = await t
        .as('anonymous')
        .post('/echo')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'bad-json-1')
        .send('{"text": "a",')
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Malformed JSON in request body',
        requestId: 'bad-json-1',
      });
    });

    it('answers a body over BODY_LIMIT_BYTES with 413 in the JSON error shape, on any route', async () => {
      const response = await t
        .as('anonymous')
        .post('/health')
        .send({ text: 'a'.repeat(LIMIT * 2) })
        .expect(413);
      expect(response.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `Request body is larger than the limit of ${LIMIT} bytes`,
        requestId: response.headers['x-request-id'],
      });
    });

    it('answers an invalid body with 400 listing every problem', async () => {
      const { body } = await t.as('anonymous').post('/echo').send({ text: 7, count: 0, extra: true }).expect(400);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.stringMatching(UUID) });
      expect(body.details).toEqual(
        expect.arrayContaining([
          'property extra should not exist',
          'text must be a string',
          'count must not be less than 1',
        ]),
      );
      expect(body.message).toBe(body.details.join('; '));
    });
  });

  describe('unknown routes', () => {
    it('answers 404 in the JSON error shape', async () => {
      const response = await t.as('anonymous').get('/no/such/route').set('X-Request-Id', 'lost-1').expect(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Cannot GET /no/such/route',
        requestId: 'lost-1',
      });
    });

    it('answers 404 for a known path with an unknown method', async () => {
      const { body } = await t.as('anonymous').delete('/health').expect(404);
      expect(body).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'Cannot DELETE /health' });
    });
  });
});

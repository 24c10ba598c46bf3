import { readFileSync, writeFileSync } from 'node:fs';
import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';
import { API_TYPES_FILE, typesFromDocument } from './openapi-types';

/**
 * The client's request and response types come from what the server publishes at /docs-json.
 * `npm run client:types` runs this file with RESYNC_WRITE_CLIENT_TYPES=1 to regenerate them.
 */
describe('@resync/client API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  it('match the OpenAPI document the server publishes now', async () => {
    const document = (await t.as('anonymous').get('/docs-json').expect(200)).body;
    const generated = typesFromDocument(document);
    if (process.env.RESYNC_WRITE_CLIENT_TYPES === '1') writeFileSync(API_TYPES_FILE, generated);
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    // On a difference: run `npm run client:types` and commit libs/client/src/api-types.ts.
    expect(committed).toBe(generated);
  });
});

import Ajv, { ValidateFunction } from 'ajv';
import { createTestApp, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { Schema } from './openapi-arbitraries';

/**
 * The API and its own OpenAPI document (GET /docs-json), with ajv validators of the document's
 * schemas (references into its components resolved): what the conformance specs check answers
 * against. `t` and `doc` are set in a beforeAll.
 */
export function useOpenApiDocument<D extends { components?: unknown }>(env: Record<string, string> = {}) {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  const kit = {
    t: undefined as unknown as TestApp,
    doc: undefined as unknown as D,
    /** A validator of `schema` (compiled once per distinct schema). */
    schemaFor(schema: Schema): ValidateFunction {
      const key = JSON.stringify(schema);
      if (!validators.has(key))
        validators.set(key, ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"doc#/components/'))));
      return validators.get(key)!;
    },
    /** What a validator found wrong in the last value it checked. */
    errorsText: (validate: ValidateFunction): string => ajv.errorsText(validate.errors),
  };
  beforeAll(async () => {
    kit.t = await createTestApp({ module: (config) => ApiModule.register(config), env });
    kit.doc = (await kit.t.as('anonymous').get('/docs-json').expect(200)).body;
    ajv.addSchema({ components: kit.doc.components }, 'doc');
  });
  afterAll(() => kit.t.close());
  return kit;
}

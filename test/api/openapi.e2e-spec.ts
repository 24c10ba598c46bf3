import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';

interface Schema {
  type?: string;
  description?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

/** Swagger UI is how people test by hand: every endpoint and every field must explain itself. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: {
    paths: Record<
      string,
      Record<
        string,
        { summary?: string; operationId?: string; parameters?: { name: string; in: string }[]; responses: object }
      >
    >;
    components: { schemas: Record<string, Schema> };
  };

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    doc = (await t.as('anonymous').get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('documents every route of the sync API', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/items',
        '/items/{id}',
        '/records',
        '/items/{id}/history',
        '/tables/{table}/items',
        '/tables/{table}/items/{id}',
        '/tables/{table}/records',
        '/tables/{table}/batch',
        '/tables/{table}/items/{id}/history',
        '/monitoring/missing-operations',
        '/sync-failures',
        '/sync-failures/critical',
        '/sync-failures/stats',
        '/sync-failures/alerts',
        '/sync-failures/retry',
        '/sync-failures/{id}',
        '/sync-failures/{id}/retry',
        '/health',
      ]),
    );
  });

  it('gives every operation a summary', () => {
    const missing = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => !op.summary)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents each path with exactly its own path parameters and a clean operation id', () => {
    const problems: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(methods)) {
        const declared = (op.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort();
        if (declared.join() !== inPath.join())
          problems.push(`${method.toUpperCase()} ${path}: path parameters ${declared.join(',') || 'none'}`);
        if (!/^[A-Za-z_][\w]*$/.test(op.operationId ?? ''))
          problems.push(`${method.toUpperCase()} ${path}: operationId ${op.operationId}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('states the rules the admin routes enforce on their query, path and body', () => {
    const parameter = (path: string, name: string) =>
      (doc.paths[path].get.parameters as unknown as { name: string; schema: Record<string, unknown> }[]).find(
        (p) => p.name === name,
      )?.schema;
    expect(parameter('/sync-failures', 'page')).toMatchObject({ type: 'integer', minimum: 1, maximum: 1_000_000 });
    expect(parameter('/sync-failures/critical', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
    expect(parameter('/sync-failures', 'entity_id')).toMatchObject({ pattern: '^[^\\u0000-\\u001f\\u007f]*$' });
    expect(parameter('/sync-failures', 'critical')).toMatchObject({ type: 'boolean' });
    expect(parameter('/monitoring/missing-operations', 'client_id')).toMatchObject({ pattern: '^[A-Za-z0-9_.-]+$' });
    expect(parameter('/monitoring/lost-rows', 'table')).toMatchObject({
      enum: ['venta', 'devolucion', 'stock', 'producto'],
    });
    expect(parameter('/sync-failures/{id}', 'id')).toMatchObject({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
    const retry = (doc.paths['/sync-failures/retry'] as unknown as Record<string, { requestBody: unknown }>).post;
    expect(retry.requestBody).toMatchObject({
      content: { 'application/json': { schema: { additionalProperties: false } } },
    });
    const create = (doc.paths['/items'] as unknown as Record<string, { requestBody: unknown }>).post;
    expect(create.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: {
            not: { anyOf: expect.arrayContaining([{ required: ['_client_id'] }]) },
            'x-max-depth': 64,
            'x-forbidden-character': 'U+0000',
            'x-well-formed-unicode': true,
          },
        },
      },
    });
  });

  it("states the rules the original protocol's routes enforce on their parameters", () => {
    type Op = { parameters: { name: string; schema: Record<string, unknown> }[]; requestBody: unknown };
    const op = (path: string) => (doc.paths[path] as unknown as Record<string, Op>).post;
    const parameter = (path: string, name: string) => op(path).parameters.find((p) => p.name === name)?.schema;
    expect(parameter('/legacy/records', 'table')).toMatchObject({ enum: ['venta', 'devolucion', 'stock', 'producto'] });
    expect(parameter('/legacy/records', 'field_id')).toMatchObject({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' });
    expect(parameter('/legacy/items', 'operation')).toMatchObject({ enum: ['create', 'update', 'delete'] });
    expect(parameter('/legacy/items', 'ver')).toMatchObject({ pattern: '^\\d{1,10}$' });
    expect(op('/legacy/items').requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { oneOf: [{ properties: { records: { minItems: 1, maxItems: 1000 } } }, { type: 'string' }] },
        },
      },
    });
  });

  it('gives every DTO field a description and an example', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'SingleIngestResponseDto',
        'BatchRequestDto',
        'BatchResponseDto',
        'StatusQueryDto',
        'StatusBatchRequestDto',
        'RecordStatusDto',
        'OperationHistoryDto',
        'MissingOperationsReportDto',
        'ErrorResponseDto',
      ]),
    );
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        const documented = property.allOf?.[0] ?? property;
        if (!property.description) missing.push(`${name}.${field}: description`);
        if (property.example === undefined && !documented.$ref && !property.items?.$ref)
          missing.push(`${name}.${field}: example`);
      }
    }
    expect(missing).toEqual([]);
  });
});

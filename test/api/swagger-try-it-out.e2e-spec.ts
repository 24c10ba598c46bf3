import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '@app/testing';

interface Schema {
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema; example?: unknown }> }>;
}

/**
 * What a person sees in Swagger UI's "Try it out" (http://localhost:3000/docs), read from the
 * OpenAPI document as Swagger UI reads it: the values it pre-fills, sent in the order of the
 * README's walk, answer as the README says; every error answer shows its own example.
 */
describe('Swagger UI "Try it out"', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    doc = (await t.as('anonymous').get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operation = (path: string, method: string) => doc.paths[path][method];

  /** The value Swagger UI pre-fills for a schema: its example, else one built from its parts. */
  function prefilled(schema: Schema): unknown {
    if (schema.$ref) return prefilled(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.example !== undefined) return schema.example;
    if (schema.default !== undefined) return schema.default;
    if (schema.oneOf ?? schema.anyOf) return prefilled((schema.oneOf ?? schema.anyOf)![0]);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => prefilled(part)));
    if (schema.properties)
      return Object.fromEntries(Object.entries(schema.properties).map(([name, part]) => [name, prefilled(part)]));
    if (schema.items) return [prefilled(schema.items)];
    return undefined;
  }
  const body = (path: string, method: string) =>
    prefilled(operation(path, method).requestBody!.content['application/json'].schema) as object;
  const parameter = (path: string, method: string, name: string) => {
    const found = operation(path, method).parameters!.find((p) => p.name === name)!;
    return found.example ?? (found.schema ? prefilled(found.schema) : undefined);
  };

  it('pre-fills no Prefer header on the write routes: the default execution is synchronous', () => {
    for (const [path, method] of [
      ['/items', 'post'],
      ['/items/{id}', 'put'],
      ['/items/{id}', 'delete'],
      ['/tables/{table}/batch', 'post'],
    ]) {
      const prefer = operation(path, method).parameters!.find((p) => p.name === 'Prefer')!;

      expect({ path, method, value: parameter(path, method, 'Prefer') }).toEqual({ path, method, value: undefined });
      expect(prefer.schema!.enum).toEqual(['respond-async']);
    }
  });

  it('has examples that work in sequence: create, its status, update, history, delete', async () => {
    const mty = t.as('MTY');
    const id = parameter('/items/{id}', 'put', 'id') as string;

    const created = await mty.post('/items').send(body('/items', 'post')).expect(200);
    expect(created.body).toMatchObject({ status: 'success', hash_id: id, operation: 'CREATE' });

    const status = await mty.post('/records').send(body('/records', 'post')).expect(200);
    expect(status.body).toMatchObject({ hash_id: id, status: 'COMPLETED' });

    const updated = await mty.put(`/items/${id}`).send(body('/items/{id}', 'put')).expect(200);
    expect(updated.body).toMatchObject({ status: 'success', operation: 'UPDATE' });

    const history = await mty.get(`/items/${id}/history`).expect(200);
    expect(history.body.operations.map((o: { status: string; note: string | null }) => [o.status, o.note])).toEqual([
      ['COMPLETED', null],
      ['COMPLETED', null],
    ]);

    const ver = parameter('/items/{id}', 'delete', 'ver');
    const deleted = await mty.delete(`/items/${id}`).query({ ver }).expect(200);
    expect(deleted.body).toMatchObject({ status: 'success', operation: 'DELETE' });
  });

  it('shows each error status its own example, in the one error shape', () => {
    const seen = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const json = response.content?.['application/json'];
          if (Number(status) < 400 || json?.schema?.$ref !== '#/components/schemas/ErrorResponseDto') continue;
          seen.add(status);

          expect({ path, method, status, example: json.example }).toEqual({
            path,
            method,
            status,
            example: expect.objectContaining({ statusCode: Number(status), message: expect.any(String) }),
          });
        }
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['400', '401', '404', '413', '415', '503']));
  });

  it('gives the 401 of an admin route the admin message and the 413 the configured limit', () => {
    const admin = operation('/sync-failures', 'get').responses['401'].content!['application/json'].example;
    const client = operation('/items', 'post').responses['401'].content!['application/json'].example;
    const tooLarge = operation('/items', 'post').responses['413'].content!['application/json'].example;

    expect(admin).toMatchObject({ message: 'Invalid admin token' });
    expect(client).toMatchObject({ message: 'Unknown client key' });
    expect(tooLarge).toMatchObject({
      message: expect.stringMatching(/^Request body is larger than the limit of \d+ bytes$/),
    });
  });
});

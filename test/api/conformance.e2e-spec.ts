import fc from 'fast-check';
import { TEST_ADMIN_TOKEN, TEST_CLIENTS, TestApp } from '@app/testing';
import { hostileText, hostileValue, Schema, valid } from './openapi-arbitraries';
import { useOpenApiDocument } from './openapi-document';

/** Fixed: a failure names its seed and path, and every run makes the same requests. */
const SEED = 20261124;
const RUNS = { valid: 150, hostile: 150 };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }>;
  security?: Record<string, unknown>[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Sent {
  method: string;
  url: string;
  body?: unknown;
}

/**
 * Drives every operation of the published OpenAPI document with requests generated from it,
 * valid and hostile (fast-check, fixed seed), and checks every answer against it: a documented
 * status, never a 5xx, a body valid against the documented schema, the one JSON error shape.
 * Requests that follow the document must not be refused as bad input (400): the document states
 * every rule the server enforces.
 */
describe('Conformance with the OpenAPI document', () => {
  const kit = useOpenApiDocument<Document>();
  const { schemaFor, errorsText } = kit;
  let t: TestApp;
  let doc: Document;
  beforeAll(() => {
    ({ t, doc } = kit);
  });

  const operations = (): [string, string, Operation][] => {
    const all = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [path, method, op] as [string, string, Operation]),
    );
    // JSON operations. /health (no input), /metrics (Prometheus text) and the original protocol
    // (NDJSON, its own error envelope) are driven by conformance-text.e2e-spec.ts.
    const json = (op: Operation) =>
      Object.entries(op.responses).some(([status, r]) => status.startsWith('2') && r.content?.['application/json']);
    const jsonBody = (op: Operation) =>
      !op.requestBody || Object.keys(op.requestBody.content).every((type) => type === 'application/json');
    return all.filter(([path, , op]) => path !== '/health' && json(op) && jsonBody(op));
  };

  function authorization(op: Operation): Record<string, string> {
    const scheme = Object.keys(op.security?.[0] ?? {})[0];
    if (scheme === 'client-key') return { authorization: `Bearer ${TEST_CLIENTS.MTY.key}` };
    if (scheme === 'admin-token') return { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    return {};
  }

  // Injected into Fastify (light-my-request), no socket: the full request pipeline without
  // holding a port that other test files' "free port" could collide with.
  async function send(op: Operation, sent: Sent) {
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: sent.method.toUpperCase() as 'GET',
        url: sent.url,
        headers: { ...authorization(op), ...(sent.body === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: sent.body === undefined ? undefined : JSON.stringify(sent.body),
      });
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body ? JSON.parse(response.body) : undefined,
    };
  }

  /** Every answer: documented, not a 5xx, JSON, and valid against its documented schema. */
  function check(op: Operation, sent: Sent, answer: { status: number; contentType: string; body: unknown }): string[] {
    const problems: string[] = [];
    const documented = op.responses[String(answer.status)];
    if (answer.status >= 500) problems.push(`answered ${answer.status}`);
    if (!documented)
      problems.push(
        `answered ${answer.status}, which is not documented (documented: ${Object.keys(op.responses).join(', ')})`,
      );
    if (!answer.contentType.startsWith('application/json')) problems.push(`content-type ${answer.contentType}`);
    const schema = documented?.content?.['application/json']?.schema;
    if (schema) {
      const validate = schemaFor(schema);
      if (!validate(answer.body)) problems.push(`body does not match the documented schema: ${errorsText(validate)}`);
    }
    if (answer.status >= 400 && !schema) problems.push('an error answer without a documented schema');
    return problems.map(
      (p) =>
        `${sent.method.toUpperCase()} ${sent.url}${sent.body === undefined ? '' : ` ${JSON.stringify(sent.body).slice(0, 300)}`}: ${p}`,
    );
  }

  function url(path: string, pathValues: Record<string, unknown>, query: Record<string, unknown>): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(pathValues[name])));
    const search = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    return search ? `${filled}?${search}` : filled;
  }

  /** Requests that follow the document: parameters and bodies generated from their schemas. */
  function validRequests(path: string, method: string, op: Operation): fc.Arbitrary<Sent> {
    const params = op.parameters ?? [];
    const slot = (where: string) =>
      fc.record(
        Object.fromEntries(
          params
            .filter((p) => p.in === where)
            .map((p) => [
              p.name,
              p.required ? valid(p.schema, doc) : fc.option(valid(p.schema, doc), { nil: undefined }),
            ]),
        ),
      );
    const body = op.requestBody
      ? valid(op.requestBody.content['application/json'].schema, doc)
      : fc.constant(undefined);
    return fc.tuple(slot('path'), slot('query'), body).map(([p, q, b]) => ({ method, url: url(path, p, q), body: b }));
  }

  /** Requests a hostile client might send: any slot replaced by garbage, or extra ones added. */
  function hostileRequests(path: string, method: string, op: Operation): fc.Arbitrary<Sent> {
    const params = op.parameters ?? [];
    // '', '.' and '..' would address another route, not this operation with a bad value.
    const segment = hostileText().filter((v) => v !== '' && v !== '.' && v !== '..');
    const pathValues = fc.record(
      Object.fromEntries(
        params.filter((p) => p.in === 'path').map((p) => [p.name, fc.oneof(valid(p.schema, doc), segment)]),
      ),
    );
    const query = fc
      .tuple(
        fc.record(
          Object.fromEntries(
            params
              .filter((p) => p.in === 'query')
              .map((p) => [p.name, fc.option(fc.oneof(valid(p.schema, doc), hostileText()), { nil: undefined })]),
          ),
        ),
        fc.dictionary(fc.constantFrom('page', 'limit', 'ver', 'x', '__proto__', 'entity_id'), hostileText(), {
          maxKeys: 2,
        }),
      )
      .map(([known, extra]) => ({ ...extra, ...known }));
    const schema = op.requestBody?.content['application/json'].schema;
    const body = schema
      ? fc.oneof(
          hostileValue(),
          valid(schema, doc).chain((b) => mutate(b)),
          fc.constant(undefined),
        )
      : fc.constant(undefined);
    return fc.tuple(pathValues, query, body).map(([p, q, b]) => ({ method, url: url(path, p, q), body: b }));
  }

  /** A valid body with one field replaced or added, at any depth. */
  function mutate(body: unknown): fc.Arbitrary<unknown> {
    if (typeof body !== 'object' || body === null) return hostileValue();
    const keys = Object.keys(body);
    return fc
      .tuple(fc.constantFrom(...keys, 'extra', '_client_id', 'operations', 'records'), hostileValue(), fc.boolean())
      .chain(([key, value, deeper]) => {
        const inner = (body as Record<string, unknown>)[key];
        if (deeper && typeof inner === 'object' && inner !== null)
          return mutate(inner).map((m) => ({ ...body, [key]: m }));
        return fc.constant(Array.isArray(body) ? [...body, value] : { ...body, [key]: value });
      });
  }

  it('documents at least the operations the API has', () => {
    expect(operations().length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['valid', RUNS.valid],
    ['hostile', RUNS.hostile],
  ] as const)(
    'answers %s requests to every operation as documented',
    async (kind, runs) => {
      const problems: string[] = [];
      for (const [path, method, op] of operations()) {
        const requests = kind === 'valid' ? validRequests(path, method, op) : hostileRequests(path, method, op);
        const details = await fc.check(
          fc.asyncProperty(requests, async (sent) => {
            const answer = await send(op, sent);
            const found = check(op, sent, answer);
            if (kind === 'valid' && answer.status === 400)
              found.push(
                `${method.toUpperCase()} ${sent.url} ${JSON.stringify(sent.body)?.slice(0, 300)}: a request that follows the document was refused: ${JSON.stringify(answer.body)}`,
              );
            problems.push(...found);
            return found.length === 0;
          }),
          { seed: SEED, numRuns: runs, endOnFailure: true },
        );
        // A failed check is listed above; anything else that failed the run (a thrown error) here.
        if (details.failed && details.errorInstance)
          problems.push(
            `${method.toUpperCase()} ${path}: ${String(details.errorInstance).slice(0, 400)} (counterexample ${JSON.stringify(details.counterexample)?.slice(0, 300)})`,
          );
        if (!details.failed && details.numRuns < runs)
          problems.push(`${method.toUpperCase()} ${path}: only ${details.numRuns} runs`);
      }
      expect([...new Set(problems)].slice(0, 30)).toEqual([]);
    },
    300_000,
  );
});

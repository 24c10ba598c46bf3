import fc from 'fast-check';
import { TEST_ADMIN_TOKEN, TEST_CLIENTS, TestApp } from '@app/testing';
import { hostileText, hostileValue, Schema } from './openapi-arbitraries';
import { useOpenApiDocument } from './openapi-document';

/** Fixed: a failure names its seed and path, and every run makes the same requests. */
const SEED = 20261125;
const RUNS = 200;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Sent {
  url: string;
  headers: Record<string, string>;
  payload?: string;
}
interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** A Prometheus text exposition line: a comment (HELP, TYPE or other) or a sample (prom-client writes NaN as "Nan", which Prometheus reads). */
const PROMETHEUS_LINE =
  /^(#.*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?([0-9.e+-]+|[Nn]a[Nn]|\+Inf|-Inf)( -?\d+)?)$/;

/**
 * The operations the JSON conformance run (conformance.e2e-spec.ts) leaves out, driven the same
 * way (fast-check, fixed seed): GET /health, GET /metrics (Prometheus text) and the original
 * protocol's routes under LEGACY_PREFIX (JSON or NDJSON in, their own error envelope out). Every
 * answer must have a documented status, never a 5xx, the documented content type, a body valid
 * against the documented schema (or, for Prometheus text, the exposition format), and errors in
 * JSON.
 */
describe('Conformance with the OpenAPI document: health, metrics and the original protocol', () => {
  // The original protocol's rate limit would answer 429 to nearly every case after the 20th.
  const kit = useOpenApiDocument<Document>({ LEGACY_RATE_LIMIT: '100000' });
  const { schemaFor, errorsText } = kit;
  let t: TestApp;
  let doc: Document;
  beforeAll(() => {
    ({ t, doc } = kit);
  });

  async function send(method: 'GET' | 'POST', sent: Sent): Promise<Answer> {
    const response = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method, url: sent.url, headers: sent.headers, payload: sent.payload });
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body,
    };
  }

  /** What is wrong with an answer, measured against the document. */
  function check(op: Operation, answer: Answer): string[] {
    const problems: string[] = [];
    const documented = op.responses[String(answer.status)];
    if (answer.status >= 500) problems.push(`answered ${answer.status}`);
    if (!documented) return [...problems, `answered ${answer.status}, not documented`];
    const types = Object.keys(documented.content ?? {});
    const type = types.find((t) => answer.contentType.startsWith(t));
    if (types.length > 0 && !type)
      return [...problems, `${answer.status} with content-type ${answer.contentType}, documented ${types.join(', ')}`];
    if (answer.status >= 400 && type !== 'application/json') problems.push('an error answer that is not JSON');
    if (type === 'application/json') {
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        return [...problems, `${answer.status}: not JSON: ${answer.body.slice(0, 100)}`];
      }
      const schema = documented.content![type].schema;
      if (!schema) problems.push(`${answer.status} without a documented schema`);
      else if (!schemaFor(schema)(body))
        problems.push(
          `${answer.status} body does not match the documented schema: ${errorsText(schemaFor(schema))}: ${answer.body.slice(0, 200)}`,
        );
    }
    if (type === 'text/plain' && documented.content![type].schema?.type === 'string') {
      const bad = answer.body.split('\n').find((line) => line !== '' && !PROMETHEUS_LINE.test(line));
      if (bad !== undefined) problems.push(`a line that is not Prometheus text: ${bad.slice(0, 200)}`);
    }
    return problems;
  }

  /** Runs `runs` generated requests against one operation and lists what went wrong (at most 10). */
  async function drive(method: 'GET' | 'POST', path: string, requests: fc.Arbitrary<Sent>, runs = RUNS) {
    const op = doc.paths[path]?.[method.toLowerCase()];
    expect(op).toBeDefined();
    const problems: string[] = [];
    const statuses = new Set<number>();
    const details = await fc.check(
      fc.asyncProperty(requests, async (sent) => {
        const answer = await send(method, sent);
        statuses.add(answer.status);
        const found = check(op, answer).map(
          (p) => `${method} ${sent.url} ${JSON.stringify(sent.headers)} ${(sent.payload ?? '').slice(0, 200)}: ${p}`,
        );
        problems.push(...found);
        return found.length === 0;
      }),
      { seed: SEED, numRuns: runs, endOnFailure: true },
    );
    if (details.failed && details.errorInstance) problems.push(String(details.errorInstance).slice(0, 400));
    if (!details.failed && details.numRuns < runs) problems.push(`only ${details.numRuns} runs`);
    return { problems: [...new Set(problems)].slice(0, 10), statuses: [...statuses].sort() };
  }

  const query = (params: Record<string, unknown>) => {
    const search = new URLSearchParams(
      Object.entries(params)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    return search ? `?${search}` : '';
  };
  const anyQuery = fc.dictionary(fc.constantFrom('x', 'page', 'format', '__proto__', 'name[]'), hostileText(), {
    maxKeys: 2,
  });
  /** Authorization headers: the given secrets, and missing, malformed or wrong ones. */
  const authorization = (...valid: string[]) =>
    fc.oneof(
      ...valid.map((secret) => fc.constant(`Bearer ${secret}`)),
      fc.constantFrom('', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${TEST_ADMIN_TOKEN}x`),
      hostileText()
        .filter((v) => /^[\t\x20-\x7e]*$/.test(v))
        .map((v) => `Bearer ${v}`),
    );
  const headers = (auth: string, extra: Record<string, string> = {}) => ({
    ...(auth ? { authorization: auth } : {}),
    ...extra,
  });

  it('answers GET /health as documented, whatever is added to the request', async () => {
    const requests = fc
      .tuple(anyQuery, authorization(TEST_ADMIN_TOKEN, TEST_CLIENTS.MTY.key))
      .map(([q, auth]) => ({ url: `/health${query(q)}`, headers: headers(auth) }));
    const { problems, statuses } = await drive('GET', '/health', requests);
    expect(problems).toEqual([]);
    expect(statuses).toEqual([200]);
  });

  it('answers GET /metrics as documented: Prometheus text to the admin, the JSON error shape to anyone else', async () => {
    const requests = fc
      .tuple(anyQuery, authorization(TEST_ADMIN_TOKEN, TEST_CLIENTS.MTY.key))
      .map(([q, auth]) => ({ url: `/metrics${query(q)}`, headers: headers(auth) }));
    const { problems, statuses } = await drive('GET', '/metrics', requests);
    expect(problems).toEqual([]);
    // Both kinds of answer were met: the property was tested on each.
    expect(statuses).toEqual(expect.arrayContaining([200, 401]));
  });

  // The original protocol: parameters that are mostly right, sometimes hostile.
  const pick = <T>(...values: T[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: hostileText() },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  const recordId = fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), hostileText());
  const fieldId = pick('hash_id', 'recno_id');
  /** The key a record's id is under: mostly one the protocol knows. */
  const fieldName = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('hash_id', 'recno_id') },
    { weight: 1, arbitrary: hostileText() },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('text/plain', 'application/x-ndjson', 'text/plain; charset=utf-8') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('application/xml', 'text/csv', 'application/json', 'text/plain; charset=latin1'),
    },
  );
  /** NDJSON lines: JSON objects mostly, sometimes garbage or blank lines. */
  const lines = (line: fc.Arbitrary<unknown>) =>
    fc
      .array(
        fc.oneof({ weight: 8, arbitrary: line.map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: hostileText() }),
        {
          minLength: 0,
          maxLength: 4,
        },
      )
      .map((l) => l.join('\n'));

  it('answers POST {LEGACY_PREFIX}/items (JSON or NDJSON) as documented', async () => {
    const path = `${t.config.legacyPrefix}/items`;
    const params = fc.record({
      operation: pick('create', 'update', 'delete'),
      table_name: pick('venta', 'devolucion'),
      client_id: pick(TEST_CLIENTS.MTY.clientId, TEST_CLIENTS.MTY.clientId, TEST_CLIENTS.GDL.clientId),
      field_id: fieldId,
      ver: fc.oneof(fc.constantFrom('1', '3', 3, undefined), hostileValue()),
    });
    const record = fc
      .tuple(
        fieldName,
        recordId,
        fc.dictionary(fc.constantFrom('total', 'note', 'items'), hostileValue(), { maxKeys: 2 }),
      )
      .map(([field, id, own]) => ({ ...own, __meta: { [field]: id } }));
    const json = fc
      .tuple(params, fc.oneof(fc.array(fc.oneof(record, hostileValue()), { maxLength: 4 }), hostileValue()))
      .map(([p, records]) => ({
        url: path,
        headers: headers(`Bearer ${TEST_CLIENTS.MTY.key}`, { 'content-type': 'application/json' }),
        payload: JSON.stringify({ ...p, records }),
      }));
    const ndjson = fc.tuple(params, contentType, lines(record)).map(([p, type, body]) => ({
      url: `${path}${query(p)}`,
      headers: headers(`Bearer ${TEST_CLIENTS.MTY.key}`, { 'content-type': type }),
      payload: body,
    }));
    const unauthenticated = fc.tuple(authorization(), lines(record)).map(([auth, body]) => ({
      url: path,
      headers: headers(auth, { 'content-type': 'text/plain' }),
      payload: body,
    }));
    const malformed = hostileText().map((body) => ({
      url: path,
      headers: headers(`Bearer ${TEST_CLIENTS.MTY.key}`, { 'content-type': 'application/json' }),
      payload: body,
    }));
    const { problems, statuses } = await drive(
      'POST',
      path,
      fc.oneof(
        { weight: 3, arbitrary: json },
        { weight: 3, arbitrary: ndjson },
        { weight: 1, arbitrary: unauthenticated },
        { weight: 1, arbitrary: malformed },
      ),
    );
    expect(problems).toEqual([]);
    expect(statuses).toEqual(expect.arrayContaining([200, 400, 401, 415]));
  });

  it('answers POST {LEGACY_PREFIX}/records (NDJSON) as documented', async () => {
    const path = `${t.config.legacyPrefix}/records`;
    // A few records the answers can find, so COMPLETED answers (with data) are checked too.
    for (const id of ['c-1', 'c-2'])
      await t.as('MTY').post('/items').send({ id, ver: 3, id_cola: 'job-c', total: 1 }).expect(200);
    const params = fc.record({
      table: pick('venta', 'devolucion'),
      field_id: fieldId,
      client_id: pick(TEST_CLIENTS.MTY.clientId, TEST_CLIENTS.MTY.clientId, TEST_CLIENTS.GDL.clientId),
      ver: fc.oneof(fc.constantFrom('1', '3', undefined), hostileText()),
    });
    const line = fc
      .tuple(fieldName, fc.oneof(fc.constantFrom('c-1', 'c-2'), recordId), fc.option(pick('job-c'), { nil: undefined }))
      .map(([field, id, job]) => ({ [field]: id, ...(job === undefined ? {} : { id_cola: job }) }));
    const requests = fc
      .tuple(
        params,
        contentType,
        lines(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: hostileValue() })),
      )
      .map(([p, type, body]) => ({
        url: `${path}${query(p)}`,
        headers: headers(`Bearer ${TEST_CLIENTS.MTY.key}`, { 'content-type': type }),
        payload: body,
      }));
    const { problems, statuses } = await drive('POST', path, requests);
    expect(problems).toEqual([]);
    expect(statuses).toEqual(expect.arrayContaining([200, 400, 415]));
  });
});

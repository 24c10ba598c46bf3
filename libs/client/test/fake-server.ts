/**
 * An in-memory stand-in for the resync API behind a `fetch` function, for unit tests of the
 * client's state machine: it keeps rows and an operation log, answers the batch and status
 * endpoints like the server, and lets a test inject faults before or after a request is applied.
 */
export interface FakeOperation {
  table: string;
  id: string;
  ver: number;
  op: string;
  queueId: string;
  status: 'COMPLETED' | 'ERROR' | 'PROCESSING';
  error?: string;
}

export interface FakeRow {
  ver: number;
  data: Record<string, unknown> | null;
  deleted: boolean;
}

export type Fault = Response | 'network' | undefined;

export class FakeServer {
  readonly rows = new Map<string, FakeRow>();
  readonly ops: FakeOperation[] = [];
  readonly requests: { kind: 'batch' | 'status'; table: string; body: any; at: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Every request, authorised or not. */
  calls = 0;
  apiKey = 'key';
  /** Called before a request is applied: a Response or 'network' replaces the real answer. */
  before: (kind: 'batch' | 'status', body: any) => Fault = () => undefined;
  /** Called after a batch was applied: 'network' drops the answer (the change stays applied). */
  after: (kind: 'batch' | 'status', body: any) => Fault = () => undefined;
  /** A record this returns a text for is refused with that ERROR. */
  refuse: (table: string, id: string, ver: number) => string | undefined = () => undefined;
  /** Status answers PROCESSING for these (table/id/ver) keys. */
  processing = new Set<string>();
  /** Tables the server answers 404 for. */
  unknownTables = new Set<string>();

  readonly fetch = (async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(url)).pathname;
    const match = /^\/tables\/([^/]+)\/(batch|records)$/.exec(path);
    this.calls += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      if ((init?.headers as Record<string, string>).authorization !== `Bearer ${this.apiKey}`)
        return json(401, { message: 'Missing or invalid client key' });
      if (!match) return json(404, { message: 'not found' });
      const table = decodeURIComponent(match[1]);
      if (this.unknownTables.has(table))
        return json(404, { statusCode: 404, error: 'Not Found', message: `Unknown table ${table}` });
      const kind = match[2] === 'batch' ? 'batch' : 'status';
      const body = JSON.parse(String(init?.body));
      this.requests.push({ kind, table, body, at: Date.now() });
      const fault = this.before(kind, body);
      if (fault === 'network') throw new TypeError('fetch failed');
      if (fault) return fault;
      const answer = kind === 'batch' ? this.batch(table, body.operations) : this.status(table, body.records);
      if (this.after(kind, body) === 'network') throw new TypeError('fetch failed');
      return json(200, answer);
    } finally {
      this.inFlight -= 1;
    }
  }) as typeof fetch;

  key(table: string, id: string): string {
    return `${table}/${id}`;
  }

  private batch(table: string, operations: { operation: string; record: Record<string, unknown> }[]) {
    const results = operations.map((entry, index) => {
      const { id, ver, id_cola, ...data } = entry.record as { id: string; ver: number; id_cola: string };
      const refusal = this.refuse(table, id, ver);
      if (refusal) {
        this.ops.push({ table, id, ver, op: entry.operation, queueId: id_cola, status: 'ERROR', error: refusal });
        return { index, id, operation: entry.operation, status: 'ERROR', error: refusal };
      }
      const key = this.key(table, id);
      const row = this.rows.get(key);
      let note: string | undefined;
      if (entry.operation === 'CREATE' && row && !row.deleted) note = 'Duplicate bypassed';
      else if (row && (row.ver > ver || (row.deleted && row.ver === ver && entry.operation !== 'DELETE')))
        note = 'Stale version ignored';
      else if (entry.operation === 'DELETE') this.rows.set(key, { ver, data: null, deleted: true });
      else this.rows.set(key, { ver, data, deleted: false });
      this.ops.push({ table, id, ver, op: entry.operation, queueId: id_cola, status: 'COMPLETED' });
      return {
        index,
        id,
        operation: entry.operation,
        status: 'COMPLETED',
        ...(note ? { note } : {}),
        operation_id: String(this.ops.length),
      };
    });
    return {
      results,
      completed: results.filter((r) => r.status === 'COMPLETED').length,
      failed: results.filter((r) => r.status === 'ERROR').length,
    };
  }

  private status(table: string, records: { hash_id: string; ver?: number; id_cola?: string }[]) {
    const results = records.map((q) => {
      if (this.processing.has(`${table}/${q.hash_id}/${q.ver}`))
        return { hash_id: q.hash_id, status: 'PROCESSING', data: null };
      const ops = this.ops.filter(
        (o) => o.table === table && o.id === q.hash_id && (q.ver === undefined || o.ver === q.ver),
      );
      const op = ops.filter((o) => o.queueId === q.id_cola).at(-1) ?? ops.at(-1);
      const row = this.rows.get(this.key(table, q.hash_id));
      if (op?.status === 'ERROR') return { hash_id: q.hash_id, status: 'ERROR', error_details: op.error, data: null };
      if (op)
        return {
          hash_id: q.hash_id,
          status: op.status,
          data: row && !row.deleted ? { _hash_id: q.hash_id, _ver: row.ver, ...row.data } : null,
        };
      if (row && (q.ver === undefined || row.ver === q.ver))
        return {
          hash_id: q.hash_id,
          status: 'ERROR',
          error_details:
            'Operation record missing but data exists in main table - please resend to recreate operation history',
          data: null,
        };
      return { hash_id: q.hash_id, status: 'NOT_FOUND', data: null };
    });
    return { results };
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

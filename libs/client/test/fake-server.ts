/**
 * An in-memory stand-in for the resync API behind a `fetch` function, for unit tests of the
 * client's state machine: it keeps rows and an operation log, answers the batch and status
 * endpoints like the server, and lets a test inject faults before or after a request is applied.
 */
import { mergeChange } from './fake-merge';

export interface FakeOperation {
  table: string;
  id: string;
  ver: number;
  op: string;
  queueId: string;
  status: 'COMPLETED' | 'ERROR' | 'PROCESSING' | 'CONFLICT';
  error?: string;
  device?: string;
  /** A merged change: the version and row it made. */
  merged?: { ver: number; data: Record<string, unknown> };
}

/** A synced table's settings (GET /tables); tables not listed are own tables with `reject`. */
export interface FakeTable {
  shared?: boolean;
  policy?: 'reject' | 'merge' | 'counter';
  /** Numeric fields merged by delta on a `counter` table. */
  counters?: string[];
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
  /** What GET /tables lists; null: the route is missing (404), as on servers before the feed. */
  tables: Map<string, FakeTable> | null = new Map();
  /** False: GET /tables is missing (404) while `tables` still decides policies and shared tables. */
  listTables = true;
  /** Feed cursors below this position answer 410 cursor_expired. */
  expiredBefore = 0;
  /** Every feed request. */
  readonly pulls: { table: string; since: string | null; limit: number }[] = [];
  /** Called before a feed page is served: a Response or 'network' replaces it. */
  beforePull: (table: string, since: string | null) => Fault = () => undefined;
  /** The X-Device-Id of every request. */
  readonly devices: (string | undefined)[] = [];
  /** Feed position of each record's last change (commit order). */
  private readonly changedAt = new Map<string, number>();
  private clock = 0;
  /** Each version's row, for the three-way merges of `merge` and `counter` tables. */
  private readonly payloads = new Map<string, Record<string, unknown> | null>();

  readonly fetch = (async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const parsed = new URL(String(url));
    const path = parsed.pathname;
    const match = /^\/tables\/([^/]+)\/(batch|records)$/.exec(path);
    this.calls += 1;
    this.devices.push((init?.headers as Record<string, string>)['x-device-id']);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      if ((init?.headers as Record<string, string>).authorization !== `Bearer ${this.apiKey}`)
        return json(401, { message: 'Missing or invalid client key' });
      if (path === '/tables' && this.tables && this.listTables)
        return json(200, {
          tables: [...this.tables].map(([name, t]) => ({ name, shared: !!t.shared, policy: t.policy ?? 'reject' })),
        });
      const feed = /^\/tables\/([^/]+)\/changes$/.exec(path);
      if (feed) return this.feed(decodeURIComponent(feed[1]), parsed.searchParams);
      if (!match) return json(404, { message: 'not found' });
      const table = decodeURIComponent(match[1]);
      if (match[2] === 'batch' && this.tables?.get(table)?.shared)
        return json(403, { message: `Table "${table}" is shared: written by head office, read-only for stores` });
      if (this.unknownTables.has(table))
        return json(404, { statusCode: 404, error: 'Not Found', message: `Unknown table ${table}` });
      const kind = match[2] === 'batch' ? 'batch' : 'status';
      const body = JSON.parse(String(init?.body));
      this.requests.push({ kind, table, body, at: Date.now() });
      const fault = this.before(kind, body);
      if (fault === 'network') throw new TypeError('fetch failed');
      if (fault) return fault;
      const device = (init?.headers as Record<string, string>)['x-device-id'];
      const answer =
        kind === 'batch' ? this.batch(table, body.operations, device) : this.status(table, body.records, device);
      if (this.after(kind, body) === 'network') throw new TypeError('fetch failed');
      return json(200, answer);
    } finally {
      this.inFlight -= 1;
    }
  }) as typeof fetch;

  key(table: string, id: string): string {
    return `${table}/${id}`;
  }

  /** The head office writes a row of a shared table (or any table): the next version, or a tombstone. */
  publish(table: string, id: string, data: Record<string, unknown> | null): number {
    const key = this.key(table, id);
    const ver = (this.rows.get(key)?.ver ?? 0) + 1;
    this.put(key, { ver, data, deleted: data === null });
    this.ops.push({
      table,
      id,
      ver,
      op: data === null ? 'DELETE' : 'UPDATE',
      queueId: 'head-office',
      status: 'COMPLETED',
    });
    return ver;
  }

  /** A row as the feed and the conflict answers give it. */
  private put(key: string, row: FakeRow): void {
    this.rows.set(key, row);
    this.changedAt.set(key, ++this.clock);
    this.payloads.set(`${key}/${row.ver}`, row.data);
  }

  private feed(table: string, query: URLSearchParams): Response {
    const since = query.get('since');
    const limit = Number(query.get('limit') ?? 1000);
    this.pulls.push({ table, since, limit });
    const fault = this.beforePull(table, since);
    if (fault === 'network') throw new TypeError('fetch failed');
    if (fault) return fault;
    if (!(limit >= 1 && limit <= 1000)) return json(400, { message: 'limit must be 1 to 1000' });
    const from = since === null ? 0 : Number(since.slice(1));
    if (since !== null && from < this.expiredBefore)
      return json(410, { error: 'cursor_expired', message: 'The cursor is older than the tombstone retention' });
    const prefix = `${table}/`;
    const all = [...this.changedAt]
      .filter(([key, at]) => key.startsWith(prefix) && at > from)
      .filter(([key]) => since !== null || !this.rows.get(key)!.deleted)
      .sort((a, b) => a[1] - b[1]);
    const page = all.slice(0, limit);
    const changes = page.map(([key]) => {
      const row = this.rows.get(key)!;
      return { id: key.slice(prefix.length), ver: row.ver, data: row.data, deleted: row.deleted, updated_at: '' };
    });
    const next = page.length > 0 ? page[page.length - 1][1] : since === null ? this.clock : from;
    return json(200, { changes, next: `c${next}`, has_more: all.length > page.length });
  }

  private batch(table: string, operations: { operation: string; record: Record<string, unknown> }[], device?: string) {
    const results = operations.map((entry, index) => {
      const { id, ver, id_cola, base_ver, ...data } = entry.record as {
        id: string;
        ver: number;
        id_cola: string;
        base_ver?: number;
      };
      const refusal = this.refuse(table, id, ver);
      if (refusal) {
        this.ops.push({
          table,
          id,
          ver,
          op: entry.operation,
          queueId: id_cola,
          status: 'ERROR',
          error: refusal,
          device,
        });
        return { index, id, operation: entry.operation, status: 'ERROR', error: refusal };
      }
      if (base_ver !== undefined)
        return { index, ...this.based(table, entry.operation, id, ver, id_cola, base_ver, data, device) };
      const key = this.key(table, id);
      const row = this.rows.get(key);
      let note: string | undefined;
      if (entry.operation === 'CREATE' && row && !row.deleted) note = 'Duplicate bypassed';
      else if (row && (row.ver > ver || (row.deleted && row.ver === ver && entry.operation !== 'DELETE')))
        note = 'Stale version ignored';
      else if (entry.operation === 'DELETE') this.put(key, { ver, data: null, deleted: true });
      else this.put(key, { ver, data, deleted: false });
      this.ops.push({ table, id, ver, op: entry.operation, queueId: id_cola, status: 'COMPLETED', device });
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

  /**
   * A change with base_ver: applied when the record's version (tombstones included, 0 when absent)
   * is its base; a resend of an applied change is COMPLETED; on `merge` / `counter` tables a
   * change on an older version is merged field by field when the fields do not overlap; anything
   * else is a CONFLICT that carries the server's version and row.
   */
  private based(
    table: string,
    operation: string,
    id: string,
    ver: number,
    queueId: string,
    base: number,
    data: Record<string, unknown>,
    device?: string,
  ) {
    const key = this.key(table, id);
    // As the server: a resend is the same change at the version sent, or merged (logged at the merged version).
    const done = this.ops.find(
      (o) =>
        o.table === table &&
        o.id === id &&
        (o.ver === ver || o.merged) &&
        o.queueId === queueId &&
        o.status === 'COMPLETED',
    );
    const row = this.rows.get(key);
    // As the server: a recognised resend says "Duplicate bypassed" with the record as it is now.
    if (done)
      return { id, operation, status: 'COMPLETED', note: 'Duplicate bypassed', ver: row?.ver, data: row?.data ?? null };
    const current = row?.ver ?? 0;
    const log = (status: FakeOperation['status'], merged?: FakeOperation['merged']) =>
      this.ops.push({ table, id, ver, op: operation, queueId, status, device, merged });
    if (current === base) {
      this.put(key, { ver, data: operation === 'DELETE' ? null : data, deleted: operation === 'DELETE' });
      log('COMPLETED');
      return { id, operation, status: 'COMPLETED', operation_id: String(this.ops.length) };
    }
    const was = this.payloads.get(`${key}/${base}`);
    const merged = operation === 'DELETE' ? null : mergeChange(this.tables?.get(table), row, was, data);
    if (merged) {
      this.put(key, { ver: merged.ver, data: merged.data, deleted: false });
      this.ops.push({ table, id, ver: merged.ver, op: operation, queueId, status: 'COMPLETED', device, merged });
      return { id, operation, status: 'COMPLETED', ...this.mergedFields(this.ops[this.ops.length - 1]) };
    }
    log('CONFLICT');
    return { id, operation, status: 'CONFLICT', conflict: this.conflictOf(key) };
  }

  private mergedFields(op: FakeOperation) {
    return op.merged ? { note: 'Merged with the current version', ver: op.merged.ver, data: op.merged.data } : {};
  }

  private conflictOf(key: string) {
    const row = this.rows.get(key);
    return { server_ver: row?.ver ?? 0, server_data: row && !row.deleted ? row.data : null, deleted: !!row?.deleted };
  }

  private status(table: string, records: { hash_id: string; ver?: number; id_cola?: string }[], device?: string) {
    const results = records.map((q) => {
      if (this.processing.has(`${table}/${q.hash_id}/${q.ver}`))
        return { hash_id: q.hash_id, status: 'PROCESSING', data: null };
      // A store's history holds none of the head office's operations, nor its rows.
      if (this.tables?.get(table)?.shared) return { hash_id: q.hash_id, status: 'NOT_FOUND', data: null };
      // With id_cola: that change's operation, or one of the asking device's; never another device's.
      const ops = this.ops.filter(
        (o) =>
          o.table === table &&
          o.id === q.hash_id &&
          (q.ver === undefined || o.ver === q.ver) &&
          (q.id_cola === undefined || o.queueId === q.id_cola || o.device === device),
      );
      const op = ops.filter((o) => o.queueId === q.id_cola).at(-1) ?? ops.at(-1);
      const row = this.rows.get(this.key(table, q.hash_id));
      if (op?.status === 'ERROR') return { hash_id: q.hash_id, status: 'ERROR', error_details: op.error, data: null };
      if (op?.status === 'CONFLICT')
        return {
          hash_id: q.hash_id,
          status: 'CONFLICT',
          conflict: this.conflictOf(this.key(table, q.hash_id)),
          data: null,
        };
      if (op?.merged) return { hash_id: q.hash_id, status: 'COMPLETED', ...this.mergedFields(op) };
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

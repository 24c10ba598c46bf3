import { MemoryStore, ResyncClient, ResyncClientOptions } from '@resync/client';
import type { RejectedChange, RetryEvent } from '@resync/client';
import { AsyncIngestWorker } from '@app/ingest';
import { missingHistory, ListeningServer, startListeningServer } from './client-server';

const FAST = { baseMs: 20, maxMs: 200 };

/** The client package against the real server: the product document's flows from the client's side. */
describe('ResyncClient against the server', () => {
  let server: ListeningServer;
  beforeAll(async () => {
    server = await startListeningServer();
  });
  afterAll(() => server.close());

  const clientWith = (options: Partial<ResyncClientOptions> = {}) =>
    new ResyncClient({
      baseUrl: server.baseUrl,
      apiKey: server.apiKey,
      store: new MemoryStore(),
      backoff: FAST,
      ...options,
    });

  const operationsOf = (id: string) =>
    server.sql<{ operation: string; batch_version: number; status: string; note: string | null; queue_id: string }>(
      `SELECT operation, batch_version, status, note, queue_id FROM sync_operations WHERE client_id = $1 AND record_id = $2 ORDER BY id`,
      [server.clientId, id],
    );
  const rowOf = async (id: string, table = 'venta') =>
    (
      await server.sql<{ _ver: number; data: unknown; _deleted: boolean }>(
        `SELECT _ver, data, _deleted FROM ${table} WHERE _client_id = $1 AND _hash_id = $2`,
        [server.clientId, id],
      )
    )[0];

  it('example 3 (normal flow): a change is confirmed by the server once, with its version and id_cola, nothing resent', async () => {
    const client = clientWith();
    const created = await client.create('venta', { id: 'ex3-def456', name: 'Jane' });
    const updated = await client.update('venta', { id: 'ex3-def456', name: 'Jane D.' });

    expect(await client.sync()).toEqual({ pushed: 2, confirmed: 2, resent: 0, rejected: 0, pending: 0 });

    expect(await operationsOf('ex3-def456')).toEqual([
      { operation: 'CREATE', batch_version: 1, status: 'COMPLETED', note: null, queue_id: created.queueId },
      { operation: 'UPDATE', batch_version: 2, status: 'COMPLETED', note: null, queue_id: updated.queueId },
    ]);
    expect(await rowOf('ex3-def456')).toMatchObject({ _ver: 2, data: { name: 'Jane D.' }, _deleted: false });
    await client.close();
  });

  it('example 1 (missing operation): audit() finds the ERROR and resends, and the history is recreated', async () => {
    const client = clientWith();
    await client.create('venta', { id: 'ex1-abc123', name: 'John' });
    await client.sync();
    await server.sql(`DELETE FROM sync_operations WHERE client_id = $1 AND record_id = 'ex1-abc123'`, [
      server.clientId,
    ]);
    expect(await missingHistory(server)).toContain('ex1-abc123');

    const report = await client.audit('venta');

    expect(report).toMatchObject({ healed: 1, confirmed: 1, pending: 0 });
    expect(await operationsOf('ex1-abc123')).toEqual([
      expect.objectContaining({
        operation: 'CREATE',
        batch_version: 1,
        status: 'COMPLETED',
        note: 'Duplicate bypassed',
      }),
    ]);
    expect(await missingHistory(server)).not.toContain('ex1-abc123');
    await client.close();
  });

  it('example 2 (truly not found): a push lost before the server got it answers NOT_FOUND, and the client sends it', async () => {
    let lost = false;
    const client = clientWith({
      fetch: async (url, init) => {
        if (!lost && String(url).endsWith('/batch')) {
          lost = true;
          throw new TypeError('fetch failed');
        }
        return fetch(url, init);
      },
    });
    await client.create('venta', { id: 'ex2-xyz999', name: 'New' });

    expect(await client.sync()).toEqual({ pushed: 1, confirmed: 1, resent: 1, rejected: 0, pending: 0 });
    expect(await operationsOf('ex2-xyz999')).toEqual([
      expect.objectContaining({ operation: 'CREATE', batch_version: 1, status: 'COMPLETED', note: null }),
    ]);
    await client.close();
  });

  it('a response lost after the server applied the change: status confirms it, no second operation, no new version', async () => {
    let dropped = 0;
    const client = clientWith({
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (dropped === 0 && String(url).endsWith('/batch')) {
          dropped += 1;
          throw new TypeError('fetch failed');
        }
        return response;
      },
    });
    await client.create('venta', { id: 'lost-1', total: 1 });
    await client.update('venta', { id: 'lost-1', total: 2 });

    expect(await client.sync()).toEqual({ pushed: 2, confirmed: 2, resent: 0, rejected: 0, pending: 0 });
    expect((await operationsOf('lost-1')).map((o) => `${o.operation}@${o.batch_version}`)).toEqual([
      'CREATE@1',
      'UPDATE@2',
    ]);
    expect(await rowOf('lost-1')).toMatchObject({ _ver: 2, data: { total: 2 } });
    await client.close();
  });

  it('a record the server keeps refusing goes to rejected with its reason while the others complete; fixed, it syncs', async () => {
    const client = clientWith({ maxSameErrors: 2 });
    const rejected: RejectedChange[] = [];
    client.on('rejected', (r) => rejected.push(r));
    await client.create('venta', { id: 'ok-1', note: 'fine' });
    await client.create('venta', { id: 'bad-1', note: 'nul \u0000 inside' });
    await client.create('venta', { id: 'ok-2', note: 'fine' });

    expect(await client.sync()).toEqual({ pushed: 3, confirmed: 2, resent: 1, rejected: 1, pending: 0 });

    expect(rejected).toEqual([
      expect.objectContaining({ id: 'bad-1', ver: 1, op: 'CREATE', reason: expect.stringContaining('NUL') }),
    ]);
    expect(await client.rejected()).toEqual([
      expect.objectContaining({ id: 'bad-1', reason: expect.stringContaining('NUL') }),
    ]);
    expect(await rowOf('ok-1')).toBeDefined();
    expect(await rowOf('ok-2')).toBeDefined();
    expect(await rowOf('bad-1')).toBeUndefined();

    await client.resubmit('venta', 'bad-1', { id: 'bad-1', note: 'nul removed' });
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0 });
    expect(await rowOf('bad-1')).toMatchObject({ _ver: 2, data: { note: 'nul removed' } });
    expect(await client.rejected()).toEqual([]);
    await client.close();
  });

  it('waits out 503 and 429 with Retry-After, then pushes everything without another write', async () => {
    const faults = [
      () => new Response(JSON.stringify({ message: 'maintenance' }), { status: 503, headers: { 'retry-after': '1' } }),
      () =>
        new Response(JSON.stringify({ message: 'too many requests' }), {
          status: 429,
          headers: { 'retry-after': '1' },
        }),
    ];
    const client = clientWith({
      fetch: async (url, init) => (faults.length > 0 ? faults.shift()!() : fetch(url, init)),
    });
    const retries: RetryEvent[] = [];
    client.on('retry', (r) => retries.push(r));
    for (let i = 0; i < 5; i++) await client.create('venta', { id: `busy-${i}`, i });

    expect(await client.sync()).toMatchObject({ pushed: 5, confirmed: 5, rejected: 0, pending: 0 });
    expect(retries.map((r) => [r.status, r.delayMs])).toEqual([
      [503, 1000],
      [429, 1000],
    ]);
    for (let i = 0; i < 5; i++) expect((await operationsOf(`busy-${i}`)).map((o) => o.batch_version)).toEqual([1]);
    await client.close();
  });

  it('deletes keep a versioned tombstone; a resent older change does not resurrect the record', async () => {
    const client = clientWith();
    await client.create('venta', { id: 'del-1', total: 1 });
    await client.delete('venta', 'del-1');
    await client.sync();
    expect(await rowOf('del-1')).toMatchObject({ _ver: 2, _deleted: true });
    // The DBA removes the CREATE's operation: audit checks the current version (the DELETE), which is intact.
    await server.sql(
      `DELETE FROM sync_operations WHERE client_id = $1 AND record_id = 'del-1' AND operation = 'CREATE'`,
      [server.clientId],
    );
    expect(await client.audit('venta')).toMatchObject({ healed: 0, pending: 0 });
    expect(await rowOf('del-1')).toMatchObject({ _ver: 2, _deleted: true });
    await client.close();
  });

  it("after a DBA deletes all of a client's operations (and a lost row), audit() restores every history", async () => {
    const client = clientWith({ batchSize: 100, statusBatchSize: 100 });
    const ids = Array.from({ length: 400 }, (_, i) => `bulk-${i}`);
    await client.write(ids.map((id, i) => ({ op: 'CREATE' as const, table: 'venta', record: { id, total: i } })));
    await client.write(
      ids
        .filter((_, i) => i % 4 === 0)
        .map((id) => ({ op: 'UPDATE' as const, table: 'venta', record: { id, total: -1 } })),
    );
    await client.write(ids.filter((_, i) => i % 10 === 1).map((id) => ({ op: 'DELETE' as const, table: 'venta', id })));
    await client.create('devolucion', { id: 'bulk-ret', reason: 'damaged' });
    await client.sync();
    await server.sql(`DELETE FROM sync_operations WHERE client_id = $1`, [server.clientId]);
    await server.sql(`DELETE FROM venta WHERE _client_id = $1 AND _hash_id = 'bulk-2'`, [server.clientId]);
    expect((await missingHistory(server, 'venta', 'bulk-')).length).toBe(399); // bulk-2's row is gone too

    const report = await client.audit();

    expect(report.pending).toBe(0);
    expect(report.rejected).toBe(0);
    expect(await missingHistory(server, 'venta', 'bulk-')).toEqual([]);
    expect(await missingHistory(server, 'devolucion', 'bulk-')).toEqual([]);
    expect(await rowOf('bulk-2')).toMatchObject({ _ver: 1, data: { total: 2 } });
    expect(await rowOf('bulk-4')).toMatchObject({ _ver: 2, data: { total: -1 } });
    expect(await rowOf('bulk-1')).toMatchObject({ _ver: 2, _deleted: true });
    // A second audit finds nothing to heal.
    expect(await client.audit()).toMatchObject({ healed: 0, pushed: 0 });
    await client.close();
  });
});

describe('ResyncClient against the server with asynchronous ingest', () => {
  let server: ListeningServer;
  let worker: AsyncIngestWorker;
  let draining: ReturnType<typeof setInterval>;
  beforeAll(async () => {
    server = await startListeningServer();
    worker = server.t.get(AsyncIngestWorker);
    // RUN_JOBS=false in tests: the test is the worker, applying queued jobs as a deployment would.
    draining = setInterval(() => void worker.processOnce().catch(() => undefined), 50);
  });
  afterAll(async () => {
    clearInterval(draining);
    await server.close();
  });

  it('with Prefer: respond-async, confirms each change (decided at once, as it carries base_ver), nothing pushed twice', async () => {
    const batchAnswers: number[] = [];
    const client = new ResyncClient({
      baseUrl: server.baseUrl,
      apiKey: server.apiKey,
      store: new MemoryStore(),
      backoff: { baseMs: 50, maxMs: 400 },
      preferAsync: true,
      batchSize: 40,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (String(url).endsWith('/batch')) batchAnswers.push(response.status);
        return response;
      },
    });
    const ids = Array.from({ length: 120 }, (_, i) => `async-${i}`);
    await client.write(ids.map((id, i) => ({ op: 'CREATE' as const, table: 'venta', record: { id, total: i } })));
    await client.write(
      ids.slice(0, 30).map((id) => ({ op: 'UPDATE' as const, table: 'venta', record: { id, total: -1 } })),
    );

    expect(await client.sync()).toEqual({ pushed: 150, confirmed: 150, resent: 0, rejected: 0, pending: 0 });
    // Changes that carry base_ver (every change, against a server with GET /tables) are decided at
    // once even when queued work is preferred: the server checks their version before it answers
    // (docs/multi-device.md), so each batch is a 200 and the status queries confirm the same way.
    expect(new Set(batchAnswers)).toEqual(new Set([200]));

    const ops = await server.sql<{ n: number; completed: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed FROM sync_operations WHERE client_id = $1 AND record_id LIKE 'async-%'`,
      [server.clientId],
    );
    expect(ops).toEqual([{ n: 150, completed: 150 }]);
    expect(await missingHistory(server, 'venta', 'async-')).toEqual([]);
    await client.close();
  });
});

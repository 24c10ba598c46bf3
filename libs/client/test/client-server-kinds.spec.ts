import { ResyncClient } from '../src/client';
import type { RetryEvent } from '../src/types';
import { FakeServer, json } from './fake-server';
import { FAST, setup, sale } from './client-setup';

describe('ResyncClient with an asynchronous server', () => {
  it('treats a batch entry that is accepted but not applied (QUEUED) as sent and confirms it by status', async () => {
    const { client, server } = setup();
    let queued = true;
    server.before = (kind, body) => {
      if (kind !== 'batch' || !queued) return undefined;
      queued = false;
      server.processing.add('venta/a/1');
      setTimeout(() => server.processing.clear(), 30);
      const results = body.operations.map((o: { operation: string; record: { id: string } }, index: number) => ({
        index,
        id: o.record.id,
        operation: o.operation,
        status: 'QUEUED',
      }));
      return json(202, { results, completed: 0, failed: 0 });
    };
    await client.create('venta', sale('a'));
    const report = await client.sync();
    expect(report).toMatchObject({ pushed: 1, rejected: 0, pending: 0, confirmed: 1 });
    // Not taken for an ERROR: the next request asks its status (PROCESSING) instead of pushing again.
    expect(server.requests.slice(0, 2).map((r) => r.kind)).toEqual(['batch', 'status']);
  });
});

describe('ResyncClient with a misbehaving server', () => {
  it('backs off when a batch answer does not match the request, and confirms by status', async () => {
    const { client, server } = setup();
    let bad = 2;
    server.before = (kind) => (kind === 'batch' && bad-- > 0 ? json(200, { results: [] }) : undefined);
    const retries: RetryEvent[] = [];
    client.on('retry', (r) => retries.push(r));
    await client.create('venta', sale('a'));
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0, rejected: 0 });
    expect(retries.map((r) => r.reason)).toEqual([
      'The batch answer does not match the request',
      'The batch answer does not match the request',
    ]);
  });

  it("rejects the changes of an unknown table with the server's reason instead of pausing every request", async () => {
    const { client, server } = setup({ maxSameErrors: 2 });
    server.unknownTables.add('nope');
    let drop = true;
    // The first push is lost, so the change is "sent" and its status (404 too) is asked first.
    server.before = (kind, body) =>
      kind === 'batch' && drop && body.operations[0].record.id === 'x' ? ((drop = false), 'network') : undefined;
    await client.create('nope', { id: 'x' });
    await client.create('venta', sale('a'));
    expect(await client.sync()).toMatchObject({ confirmed: 1, rejected: 1, pending: 0 });
    expect(await client.rejected()).toEqual([
      expect.objectContaining({ table: 'nope', id: 'x', reason: 'HTTP 404: Unknown table nope' }),
    ]);
  });
});

describe.each([
  ['SqliteStore', () => new (require('../src/sqlite/sqlite-store').SqliteStore)(':memory:')],
  [
    'IndexedDbStore',
    () => (
      require('fake-indexeddb/auto'),
      new (require('../src/stores/indexeddb-store').IndexedDbStore)({ name: `client-${Math.random()}` })
    ),
  ],
])('ResyncClient on %s', (_name, makeStore) => {
  it('syncs a backlog through lost answers, refusals and a 503, in pages', async () => {
    const server = new FakeServer();
    const client = new ResyncClient({
      baseUrl: 'http://resync.test',
      apiKey: 'key',
      store: makeStore(),
      fetch: server.fetch,
      backoff: FAST,
      batchSize: 50,
      concurrency: 3,
      maxSameErrors: 2,
    });
    let requests = 0;
    server.before = () => (++requests === 3 ? json(503, { message: 'busy' }, { 'retry-after': '0' }) : undefined);
    server.after = () => (requests === 5 ? 'network' : undefined);
    server.refuse = (_t, id) => (id === 'r13' ? 'refused' : undefined);
    await client.write(
      Array.from({ length: 500 }, (_, i) => ({ op: 'CREATE' as const, table: 'venta', record: { id: `r${i}`, i } })),
    );
    await client.write(
      Array.from({ length: 100 }, (_, i) => ({
        op: 'UPDATE' as const,
        table: 'venta',
        record: { id: `r${i * 5}`, i: -i },
      })),
    );

    const report = await client.sync();

    expect(report).toMatchObject({ pushed: 600, confirmed: 599, rejected: 1, pending: 0 });
    expect(server.rows.size).toBe(499);
    expect(server.rows.get('venta/r10')).toEqual({ ver: 2, data: { i: -2 }, deleted: false });
    expect(await client.counts()).toEqual({ pending: 0, sent: 0, rejected: 1 });
    await client.close();
  });
});

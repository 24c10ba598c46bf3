import { ResyncClient, ResyncClientOptions } from '../src/client';
import { ResyncAuthError } from '../src/errors';
import { MemoryStore } from '../src/stores/memory-store';
import type { ProgressEvent, RejectedChange, RetryEvent } from '../src/types';
import { FakeServer, json } from './fake-server';

const FAST = { baseMs: 5, maxMs: 40 };

function setup(options: Partial<ResyncClientOptions> = {}) {
  const server = new FakeServer();
  const store = new MemoryStore();
  const client = new ResyncClient({
    baseUrl: 'http://resync.test/',
    apiKey: 'key',
    store,
    fetch: server.fetch,
    backoff: FAST,
    ...options,
  });
  return { server, store, client };
}

const sale = (id: string, total = 10) => ({ id, total });

describe(ResyncClient.name, () => {
  it('queues writes offline with the next version of each record and returns at once', async () => {
    const { client, server } = setup();
    const created = await client.create('venta', sale('a'));
    const updated = await client.update('venta', sale('a', 20));
    const deleted = await client.delete('venta', 'a');
    expect([created.ver, updated.ver, deleted.ver]).toEqual([1, 2, 3]);
    expect(server.requests).toHaveLength(0);
    expect((await client.pending()).map((p) => [p.id, p.ver, p.op, p.state])).toEqual([
      ['a', 1, 'CREATE', 'pending'],
      ['a', 2, 'UPDATE', 'pending'],
      ['a', 3, 'DELETE', 'pending'],
    ]);
    await expect(client.create('venta', { id: 'b', ver: 7 })).rejects.toThrow(/ver is assigned by the client/);
    await expect(client.create('venta', { id: '' })).rejects.toThrow(TypeError);
  });

  it('pushes in batches of at most batchSize, a bounded number in flight, every record in order, then is idle', async () => {
    const { client, server } = setup({ batchSize: 7, concurrency: 3 });
    for (let i = 0; i < 40; i++) await client.create('venta', sale(`r${i}`));
    for (let i = 0; i < 40; i += 3) await client.update('venta', sale(`r${i}`, 99));
    await client.delete('devolucion', 'x');
    const progress: ProgressEvent[] = [];
    client.on('progress', (p) => progress.push(p));

    const report = await client.sync();

    expect(report).toEqual({ pushed: 55, confirmed: 55, resent: 0, rejected: 0, pending: 0 });
    const batches = server.requests.filter((r) => r.kind === 'batch');
    expect(Math.max(...batches.map((b) => b.body.operations.length))).toBeLessThanOrEqual(7);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThan(1);
    for (let i = 0; i < 40; i += 3) {
      const vers = server.ops.filter((o) => o.id === `r${i}`).map((o) => o.ver);
      expect(vers).toEqual([1, 2]);
    }
    expect(server.rows.get('devolucion/x')).toMatchObject({ ver: 1, deleted: true });
    expect(progress.at(-1)).toEqual({ sent: 55, confirmed: 55, total: 55 });
    expect(await client.pending()).toEqual([]);
    expect(await client.sync()).toEqual({ pushed: 0, confirmed: 0, resent: 0, rejected: 0, pending: 0 });
  });

  it('splits a batch answered 413 until it fits', async () => {
    const { client, server } = setup();
    server.before = (kind, body) =>
      kind === 'batch' && body.operations.length > 3 ? json(413, { message: 'Body over BODY_LIMIT_BYTES' }) : undefined;
    for (let i = 0; i < 10; i++) await client.create('venta', sale(`r${i}`));
    const report = await client.sync();
    expect(report).toMatchObject({ pushed: 10, confirmed: 10, pending: 0 });
    expect(server.ops.map((o) => o.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`).sort());
  });

  it('asks the status after a lost answer and does not push a change the server already applied', async () => {
    const { client, server } = setup({ concurrency: 1 });
    let drop = true;
    server.after = (kind) => (kind === 'batch' && drop ? ((drop = false), 'network') : undefined);
    await client.create('venta', sale('a'));
    await client.create('venta', sale('b'));
    const retries: RetryEvent[] = [];
    client.on('retry', (r) => retries.push(r));

    const report = await client.sync();

    expect(report).toEqual({ pushed: 2, confirmed: 2, resent: 0, rejected: 0, pending: 0 });
    expect(server.ops).toHaveLength(2);
    expect(server.requests.map((r) => r.kind)).toEqual(['batch', 'status']);
    expect(server.requests[1].body.records).toEqual([
      { hash_id: 'a', ver: 1, id_cola: server.ops[0].queueId },
      { hash_id: 'b', ver: 1, id_cola: server.ops[1].queueId },
    ]);
    expect(retries[0].reason).toMatch(/Network error/);
  });

  it('resends NOT_FOUND and ERROR under the same id, version and id_cola', async () => {
    const { client, server } = setup();
    let drops = 0;
    server.before = (kind) => (kind === 'batch' && drops++ === 0 ? 'network' : undefined);
    await client.create('venta', sale('a'));
    const report = await client.sync();
    expect(report).toEqual({ pushed: 1, confirmed: 1, resent: 1, rejected: 0, pending: 0 });
    const pushes = server.requests.filter((r) => r.kind === 'batch').map((r) => r.body.operations[0].record);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]).toEqual(pushes[0]);
    expect(pushes[0]).toMatchObject({ id: 'a', ver: 1, total: 10 });
  });

  it('polls PROCESSING again later', async () => {
    const { client, server } = setup();
    server.after = (kind) => (kind === 'batch' && server.ops.length === 1 ? 'network' : undefined);
    server.processing.add('venta/a/1');
    let polls = 0;
    server.before = (kind) => {
      if (kind === 'status' && ++polls === 3) server.processing.clear();
      return undefined;
    };
    await client.create('venta', sale('a'));
    const report = await client.sync();
    expect(report).toMatchObject({ confirmed: 1, pending: 0, resent: 0 });
    expect(polls).toBe(3);
  });

  it('rejects a record refused with the same ERROR maxSameErrors times while the others complete, and resubmits it', async () => {
    const { client, server } = setup({ maxSameErrors: 3 });
    let broken = true;
    server.refuse = (_t, id) =>
      id === 'bad' && broken ? 'fields must not contain the NUL character (\\u0000)' : undefined;
    const rejectedEvents: RejectedChange[] = [];
    client.on('rejected', (r) => rejectedEvents.push(r));
    await client.create('venta', sale('good1'));
    await client.create('venta', sale('bad'));
    await client.create('venta', sale('good2'));

    const report = await client.sync();

    expect(report).toEqual({ pushed: 3, confirmed: 2, resent: 2, rejected: 1, pending: 0 });
    expect(server.ops.filter((o) => o.id === 'bad')).toHaveLength(3);
    expect(rejectedEvents).toEqual([
      expect.objectContaining({
        table: 'venta',
        id: 'bad',
        ver: 1,
        op: 'CREATE',
        reason: 'fields must not contain the NUL character (\\u0000)',
      }),
    ]);
    expect((await client.rejected()).map((r) => [r.id, r.reason])).toEqual([
      ['bad', 'fields must not contain the NUL character (\\u0000)'],
    ]);
    expect(await client.counts()).toEqual({ pending: 0, sent: 0, rejected: 1 });

    broken = false;
    expect(await client.resubmit('venta', 'bad')).toBe(1);
    expect(await client.sync()).toMatchObject({ confirmed: 1, rejected: 0, pending: 0 });
    expect(server.rows.get('venta/bad')).toMatchObject({ ver: 1 });
    expect(await client.rejected()).toEqual([]);
  });

  it('replaces a rejected change with a fixed record at the next version', async () => {
    const { client, server } = setup({ maxSameErrors: 1 });
    server.refuse = (_t, id, ver) => (id === 'bad' && ver === 1 ? 'bad data' : undefined);
    await client.create('venta', { id: 'bad', name: 'x\u0000' });
    expect(await client.sync()).toMatchObject({ rejected: 1 });
    await client.resubmit('venta', 'bad', { id: 'bad', name: 'x' });
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0 });
    expect(server.rows.get('venta/bad')).toEqual({ ver: 2, data: { name: 'x' }, deleted: false });
  });

  it('waits out 503 and 429 with Retry-After on its own timer, without another write', async () => {
    const { client, server } = setup();
    const answers = [
      json(503, { message: 'busy' }, { 'retry-after': '1' }),
      json(429, { message: 'slow down' }, { 'retry-after': '1' }),
    ];
    server.before = (kind) => (kind === 'batch' ? answers.shift() : undefined);
    const retries: RetryEvent[] = [];
    client.on('retry', (r) => retries.push(r));
    await client.create('venta', sale('a'));

    const report = await client.sync();

    expect(report).toMatchObject({ confirmed: 1, pending: 0 });
    expect(retries.map((r) => [r.status, r.delayMs])).toEqual([
      [503, 1000],
      [429, 1000],
    ]);
    const times = server.requests.filter((r) => r.kind === 'batch').map((r) => r.at);
    expect(times).toHaveLength(3);
    // Each retry came after the server's Retry-After (a protocol rule, not a speed measurement).
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(950);
    expect(server.ops).toHaveLength(1);
  });

  it('keeps retrying network failures with backoff until the server answers', async () => {
    const { client, server } = setup();
    let failures = 4;
    server.before = () => (failures-- > 0 ? 'network' : undefined);
    const retries: RetryEvent[] = [];
    client.on('retry', (r) => retries.push(r));
    await client.create('venta', sale('a'));
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0 });
    expect(retries).toHaveLength(4);
    expect(server.ops).toHaveLength(1);
  });

  it('stops on 401, emits error and keeps every change', async () => {
    const { client, server } = setup();
    server.apiKey = 'rotated';
    const errors: Error[] = [];
    client.on('error', (e) => errors.push(e));
    await client.create('venta', sale('a'));
    await client.create('venta', sale('b'));
    await expect(client.sync()).rejects.toBeInstanceOf(ResyncAuthError);
    expect(errors).toEqual([expect.objectContaining({ status: 401 })]);
    expect(await client.counts()).toEqual({ pending: 2, sent: 0, rejected: 0 });
    client.setApiKey('rotated');
    expect(await client.sync()).toMatchObject({ confirmed: 2, pending: 0 });
  });

  it('syncs in the background after a write, and after a failure without waiting for the next write', async () => {
    const { client, server } = setup();
    let failures = 2;
    server.before = () => (failures-- > 0 ? json(500, { message: 'boom' }) : undefined);
    client.start({ intervalMs: 60_000 });
    await client.create('venta', sale('a'));
    await waitFor(async () => (await client.counts()).pending + (await client.counts()).sent === 0);
    expect(server.rows.get('venta/a')).toMatchObject({ ver: 1 });
    await client.close();
  });

  it('audit() asks the status of every known record and resends, under the same version, what lost its history', async () => {
    const { client, server } = setup({ statusBatchSize: 4 });
    for (let i = 0; i < 10; i++) await client.create('venta', sale(`r${i}`));
    await client.update('venta', sale('r0', 5));
    await client.delete('venta', 'r1');
    await client.sync();
    // A DBA deletes every operation; one row is lost too.
    server.ops.length = 0;
    server.rows.delete('venta/r2');

    const report = await client.audit();

    expect(report).toMatchObject({ checked: 10, healed: 10, confirmed: 10, pending: 0 });
    expect(server.ops.map((o) => `${o.id}@${o.ver}:${o.op}`).sort()).toEqual(
      ['r0@2:UPDATE', 'r1@2:DELETE', ...Array.from({ length: 8 }, (_, i) => `r${i + 2}@1:CREATE`)].sort(),
    );
    expect(server.rows.get('venta/r2')).toMatchObject({ ver: 1, data: { total: 10 } });
    expect(server.requests.filter((r) => r.kind === 'status').every((r) => r.body.records.length <= 4)).toBe(true);
    expect(await client.audit('venta')).toMatchObject({ checked: 10, healed: 0, pushed: 0 });
  });
});

async function waitFor(condition: () => Promise<boolean>, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

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

describe('ResyncClient timers', () => {
  it('a local write during a Retry-After pause does not cut the pause short', async () => {
    const { client, server } = setup();
    let first = true;
    server.before = (kind) =>
      kind === 'batch' && first ? ((first = false), json(503, { message: 'busy' }, { 'retry-after': '1' })) : undefined;
    await client.create('venta', sale('a'));
    const syncing = client.sync();
    await new Promise((r) => setTimeout(r, 100));
    const writtenAt = Date.now();
    await client.create('venta', sale('b'));
    await syncing;
    const batches = server.requests.filter((r) => r.kind === 'batch');
    const afterWrite = server.requests.filter((r) => r.at >= writtenAt);
    // Nothing went out until the server's second had passed, although the app wrote meanwhile.
    expect(afterWrite[0].at - batches[0].at).toBeGreaterThanOrEqual(950);
    expect(server.ops.map((o) => o.id).sort()).toEqual(['a', 'b']);
  });

  it('the background loop stops on 401 and emits error once', async () => {
    const { client, server } = setup();
    server.apiKey = 'other';
    const errors: Error[] = [];
    client.on('error', (e) => errors.push(e));
    client.start({ intervalMs: 10 });
    await client.create('venta', sale('a'));
    await waitFor(async () => errors.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).toHaveLength(1);
    expect(server.calls).toBe(1);
    expect(await client.counts()).toEqual({ pending: 1, sent: 0, rejected: 0 });
    await client.close();
  });
});

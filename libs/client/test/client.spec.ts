import { ResyncClient } from '../src/client';
import { ResyncAuthError } from '../src/errors';
import type { ProgressEvent, RejectedChange, RetryEvent } from '../src/types';
import { json } from './fake-server';
import { setup, sale, waitFor } from './client-setup';

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

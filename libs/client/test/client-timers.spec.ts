import { json } from './fake-server';
import { setup, sale, waitFor } from './client-setup';

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

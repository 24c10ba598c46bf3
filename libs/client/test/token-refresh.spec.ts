import { ResyncClient } from '../src/client';
import { ResyncAuthError } from '../src/errors';
import { sale, setup } from './client-setup';

/** A token function: asked before the first request and again after a 401, once, before sync stops. */
describe(`${ResyncClient.name} with a token`, () => {
  it('asks the token function again after a 401 and resends the request with the new token', async () => {
    const tokens = ['t1', 't2'];
    const asked: string[] = [];
    const { client, server } = setup({
      apiKey: undefined,
      token: async () => {
        const next = tokens.shift()!;
        asked.push(next);
        return next;
      },
    });
    server.apiKey = 't1';
    await client.create('venta', sale('a'));
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0 });
    expect(asked).toEqual(['t1']); // once, not per request

    server.apiKey = 't2'; // t1 expired
    await client.create('venta', sale('b'));
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0 });
    expect(asked).toEqual(['t1', 't2']);
    expect(server.rows.get('venta/b')).toMatchObject({ ver: 1 });
  });

  it('stops after a 401 when the function returns the same token: no loop on one refusal', async () => {
    let calls = 0;
    const { client, server } = setup({
      apiKey: undefined,
      token: () => {
        calls += 1;
        return 'stale';
      },
    });
    server.apiKey = 'fresh';
    await client.create('venta', sale('a'));
    await expect(client.sync()).rejects.toBeInstanceOf(ResyncAuthError);
    expect(calls).toBe(2);
    expect(server.calls).toBe(1);
    expect(await client.counts()).toEqual({ pending: 1, sent: 0, rejected: 0 });
  });

  it('stops after a second 401 with the new token, having asked once', async () => {
    let n = 0;
    const { client, server } = setup({ apiKey: undefined, token: () => `token-${++n}` });
    server.apiKey = 'never';
    await client.create('venta', sale('a'));
    await expect(client.sync()).rejects.toMatchObject({ status: 401 });
    expect(n).toBe(2);
    expect(server.calls).toBe(2);
  });

  it('asks once when several requests get a 401 at the same time', async () => {
    let n = 0;
    const { client, server } = setup({
      apiKey: undefined,
      token: () => `token-${++n}`,
      concurrency: 4,
      batchSize: 1,
    });
    server.apiKey = 'token-1';
    await client.create('venta', sale('warm'));
    await client.sync();
    server.apiKey = 'token-2';
    for (const id of ['a', 'b', 'c', 'd']) await client.create('venta', sale(id));
    expect(await client.sync()).toMatchObject({ pending: 0 });
    expect(n).toBe(2);
  });

  it('retries later when the token function fails (an identity provider out of reach), then syncs', async () => {
    let calls = 0;
    const { client, server } = setup({
      apiKey: undefined,
      token: () => {
        calls += 1;
        if (calls === 1) throw new Error('offline');
        return 'key';
      },
    });
    await client.create('venta', sale('a'));
    expect(await client.sync()).toMatchObject({ confirmed: 1, pending: 0 });
    expect(calls).toBe(2);
    expect(server.requests.map((r) => r.kind)).toEqual(['batch']); // pushed once, no status query needed
  });

  it('a fixed key is never asked again: 401 stops at once', async () => {
    const { client, server } = setup();
    server.apiKey = 'other';
    await client.create('venta', sale('a'));
    await expect(client.sync()).rejects.toBeInstanceOf(ResyncAuthError);
    expect(server.calls).toBe(1);
  });

  it('needs exactly one of apiKey and token', () => {
    expect(() => setup({ apiKey: undefined })).toThrow('Give apiKey or token');
    expect(() => setup({ token: 't' })).toThrow('Give apiKey or token');
  });
});

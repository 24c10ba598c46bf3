import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TEST_CLIENTS, TestApp, writtenCounts } from '@app/testing';

/**
 * A number is kept as sent or refused: JSON.parse would turn 1e400 into null, 1e-400 into 0 and
 * 12345678901234567890123 into 1.2345678901234568e+22, and the answer would still be success.
 */
describe('Numbers a double cannot hold', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { LEGACY_RATE_LIMIT: '0' } });
  });
  afterAll(() => t.close());

  const send = (url: string, payload: string, headers: Record<string, string> = {}) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${TEST_CLIENTS.MTY.key}`, 'content-type': 'application/json', ...headers },
        payload,
      });
  const jobs = async () => (await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sync_queue`)[0].n;

  const LOSSY = ['1e400', '-1e400', '1e-400', '12345678901234567890123', '9007199254740993', '0.30000000000000001'];

  it.each(LOSSY)('%s is refused with a 400 naming the field, on every path, writing nothing', async (number) => {
    const before = { ...(await writtenCounts(t)), jobs: await jobs() };
    const requests: [string, string, Record<string, string>?][] = [
      ['/items', `{"id":"n-1","big":${number}}`],
      ['/items', `{"id":"n-1","big":${number}}`, { prefer: 'respond-async' }],
      ['/items', `{"id":"n-1","deep":{"list":[1,${number}]}}`],
      ['/tables/venta/batch', `{"operations":[{"operation":"CREATE","record":{"id":"n-2","big":${number}}}]}`],
      [
        '/legacy/items',
        `{"operation":"create","table_name":"venta","records":[{"__meta":{"hash_id":"n-3"},"big":${number}}]}`,
      ],
      [
        '/legacy/items?operation=create&table_name=venta',
        `{"__meta":{"hash_id":"n-4"},"big":${number}}\n`,
        { 'content-type': 'application/x-ndjson' },
      ],
    ];
    for (const [url, payload, headers] of requests) {
      const response = await send(url, payload, headers);
      expect({ url, payload, status: response.statusCode }).toEqual({ url, payload, status: 400 });
      expect(response.body).toMatch(/cannot be kept exactly/);
      expect(response.body).toMatch(/field \\"(big|list)\\"/);
    }
    expect({ ...(await writtenCounts(t)), jobs: await jobs() }).toEqual(before);
  });

  it('numbers a double holds are stored and answered with their value', async () => {
    const response = await send('/items', '{"id":"n-ok","a":10.50,"b":1E2,"c":0.1,"d":9007199254740992,"e":-0}');
    expect(response.statusCode).toBe(200);
    const status = await send('/records', '{"hash_id":"n-ok"}');
    expect(status.json().data).toMatchObject({ a: 10.5, b: 100, c: 0.1, d: 9007199254740992, e: 0 });
  });
});

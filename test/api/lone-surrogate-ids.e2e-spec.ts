import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TEST_CLIENTS, TestApp, writtenCounts } from '@app/testing';

/**
 * A record id or id_cola holding a lone UTF-16 surrogate (a `\ud800`-`\udfff` escape outside a
 * pair) cannot be stored as sent: PostgreSQL text turns it into U+FFFD, so `c\ud800` and `c\udc01`
 * would become one record and the second write would be lost. Every path refuses it, writing
 * nothing, every time.
 */
describe('Lone UTF-16 surrogates in ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config), env: { LEGACY_RATE_LIMIT: '0' } });
  });
  afterAll(() => t.close());

  const LONE = ['c\ud800', 'c\udc01', 'c\udfff', '\ud800', 'x\udbff\udbff', 'y\udc00\ud800'];
  // JSON.stringify writes a lone surrogate as its \u escape, as a client would send it.
  const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: path,
        headers: { authorization: `Bearer ${TEST_CLIENTS.MTY.key}`, 'content-type': 'application/json', ...headers },
        payload: JSON.stringify(body),
      });
  const jobs = async () => (await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sync_queue`)[0].n;

  async function expectRefused(path: string, body: unknown, headers: Record<string, string> = {}) {
    const before = { ...(await writtenCounts(t)), jobs: await jobs() };
    const response = await send(path, body, headers);
    expect({ path, body, status: response.statusCode }).toEqual({ path, body, status: 400 });
    expect(response.body).toMatch(/surrogate/);
    expect({ ...(await writtenCounts(t)), jobs: await jobs() }).toEqual(before);
  }

  it.each(LONE)('the synchronous path refuses id %j with a 400 that writes nothing, every time', async (id) => {
    for (let round = 0; round < 3; round++) {
      await expectRefused('/items', { id, total: 1 });
      await expectRefused('/items', { id: `ok-${round}`, id_cola: id, total: 1 });
    }
  });

  it.each(LONE)('the asynchronous path refuses id and id_cola %j', async (id) => {
    const async = { prefer: 'respond-async' };
    await expectRefused('/items', { id, total: 1 }, async);
    await expectRefused('/items', { id: 'fine', id_cola: id, total: 1 }, async);
  });

  it.each(LONE)(
    'in a batch, either path, an entry with id or id_cola %j is ERROR alone and nothing keeps it',
    async (id) => {
      for (const headers of [{}, { prefer: 'respond-async' }] as Record<string, string>[]) {
        const response = await send(
          '/tables/venta/batch',
          {
            operations: [
              { operation: 'CREATE', record: { id: `${id}`, total: 1 } },
              { operation: 'CREATE', record: { id: `batch-ok-${Object.keys(headers).length}`, total: 2 } },
              { operation: 'CREATE', record: { id: 'batch-job', id_cola: id, total: 3 } },
            ],
          },
          headers,
        );
        const body = response.json() as { results: { status: string; error: string | null }[] };
        expect(body.results.map((r) => r.status)).toEqual([
          'ERROR',
          expect.stringMatching(/COMPLETED|QUEUED/),
          'ERROR',
        ]);
        expect(body.results[0].error).toMatch(/surrogate/);
        expect(body.results[2].error).toMatch(/surrogate/);
      }
      const altered = await t.prisma.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM sync_operations WHERE strpos(record_id || coalesce(queue_id, ''), U&'\FFFD') > 0)
            + (SELECT count(*) FROM venta WHERE strpos(_hash_id, U&'\FFFD') > 0))::int AS n`;
      expect(altered[0].n).toBe(0);
    },
  );

  it.each(LONE)('the original protocol refuses __meta id %j', async (id) => {
    const before = { ...(await writtenCounts(t)), jobs: await jobs() };
    const response = await send('/legacy/items', {
      operation: 'create',
      table_name: 'venta',
      records: [{ __meta: { hash_id: id }, total: 1 }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/surrogate/);
    expect({ ...(await writtenCounts(t)), jobs: await jobs() }).toEqual(before);
  });

  it('status queries refuse them too', async () => {
    await expectRefused('/records', { hash_id: 'c\ud800' });
    await expectRefused('/records', { hash_id: 'fine', id_cola: 'j\udc01' });
  });

  it('a well-formed pair (an astral character) is an ordinary id', async () => {
    const response = await send('/items', { id: 'c\ud834\udd1e', total: 1 });
    expect(response.statusCode).toBe(200);
  });
});

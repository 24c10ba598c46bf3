import { TombstonePurgeService } from '@app/ingest';
import { createTestApp, recordId, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';

/**
 * DATABASE_ENGINE=citus, here on plain PostgreSQL: the purge locks one store's tombstones at a
 * time (a lock may not span Citus shards), in batches of TOMBSTONE_PURGE_BATCH_SIZE across stores.
 * Every store's expired tombstones go, and only those, and each store's feed horizon rises.
 */
describe('The tombstone purge, store by store (DATABASE_ENGINE=citus)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { DATABASE_ENGINE: 'citus', TOMBSTONE_PURGE_BATCH_SIZE: '3' },
    });
  });
  afterAll(() => t.close());

  const tombstones = async (store: 'MTY' | 'GDL', n: number) => {
    const ids = Array.from({ length: n }, () => recordId(`purge-${store}`));
    for (const id of ids) await t.as(store).delete(`/items/${id}?ver=1`).expect(200);
    return ids;
  };
  const rows = async (ids: string[]) =>
    (await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM venta WHERE _hash_id = ANY(${ids})`)[0].n;

  it("purges every store's expired tombstones in batches, and raises each store's feed horizon", async () => {
    const old = [...(await tombstones('MTY', 4)), ...(await tombstones('GDL', 4))];
    await t.prisma.$executeRaw`UPDATE venta SET _deleted_at = now() - interval '100 days' WHERE _hash_id = ANY(${old})`;
    const recent = [...(await tombstones('MTY', 1)), ...(await tombstones('GDL', 1))];

    expect((await t.get<TombstonePurgeService>(TombstonePurgeService).purgeExpired())!.venta).toBe(8);

    expect(await rows(old)).toBe(0);
    expect(await rows(recent)).toBe(2);
    const horizons = await t.prisma.$queryRaw<{ client_id: string }[]>`
      SELECT client_id FROM sync_feed_horizons WHERE table_name = 'venta' ORDER BY client_id`;
    expect(horizons).toEqual([{ client_id: 'GDL_002' }, { client_id: 'MTY_001' }]);
  });
});

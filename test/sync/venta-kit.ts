import { ApiModule } from '../../apps/api/src/api.module';
import { Clock, ManualClock } from '@app/common';
import { createTestApp, TestApp } from '@app/testing';

/**
 * The API on a ManualClock (set when the file starts), for the lost-row and tombstone specs, with
 * what they do to MTY_001's sales: ask a status, delete a row as a DBA would, read a row as stored.
 */
export function useVentaApp() {
  const kit = {
    t: undefined as unknown as TestApp,
    clock: new ManualClock(new Date()),
    status: (body: Record<string, unknown>) => kit.t.as('MTY').post('/records').send(body).expect(200),
    dbaDeletesRow: (id: string) => kit.t.prisma.$executeRaw`DELETE FROM venta WHERE _hash_id = ${id}`,
    row: async (id: string) =>
      (
        await kit.t.prisma.$queryRaw<
          { ver: number; deleted: boolean; data: unknown }[]
        >`SELECT _ver AS ver, _deleted AS deleted, data FROM venta WHERE _client_id = 'MTY_001' AND _hash_id = ${id}`
      )[0],
  };
  beforeAll(async () => {
    kit.t = await createTestApp({
      module: (config) => ApiModule.register(config),
      overrides: [{ provide: Clock, useValue: kit.clock }],
    });
  });
  afterAll(() => kit.t.close());
  return kit;
}

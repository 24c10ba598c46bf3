import { Database } from '@nozbe/watermelondb';
import { createTestApp, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { statusesOf } from './server-views';
import { watermelonDevice, watermelonSync } from './watermelon-kit';

const COUNT = 20_000;
/** Below the backlog's size (about 1.4 MB): only WATERMELON_BODY_LIMIT_BYTES lets it through. */
const BODY_LIMIT = 512 * 1024;

/** Issue 24: an offline WatermelonDB backlog of 20,000 changes, sent by synchronize() in one push. */
describe('WatermelonDB offline backlog', () => {
  let t: TestApp;
  let a: Database;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) },
    });
    a = watermelonDevice();
  });
  afterAll(() => t.close());

  it('pushes 20,000 created records in one synchronize(), each logged and COMPLETED', async () => {
    const started = Date.now();
    const ids = await a.write(async () => {
      const records = Array.from({ length: COUNT }, (_, k) =>
        a.get('venta').prepareCreate((r) => r._setRaw('total', k)),
      );
      await a.batch(records);
      return records.map((r) => r.id);
    });
    const written = Date.now();
    let pushedBytes = 0;
    await watermelonSync(a, () => t.as('MTY'), { device: 'tablet-a', onPush: (bytes) => (pushedBytes = bytes) });
    expect(pushedBytes).toBeGreaterThan(BODY_LIMIT);
    process.stdout.write(
      `backlog: local write ${written - started} ms, synchronize ${Date.now() - written} ms, push body ${pushedBytes} bytes\n`,
    );
    const statuses = await statusesOf(
      t,
      ids.map((id) => ({ id, ver: 1 })),
    );
    expect(statuses.filter((s) => s.status === 'COMPLETED')).toHaveLength(COUNT);
  }, 240_000);
});

import { createTestApp, TEST_CLIENTS, TestApp } from '@app/testing';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiModule } from '../../apps/api/src/api.module';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** The examples an app developer copies (examples/*.mjs) sync two local databases through the test app. */
describe('examples/watermelondb-sync.mjs and examples/rxdb-sync.mjs', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  /** Runs an example to its end; the sale it synced is in the operation log, COMPLETED, per device. */
  const runExample = async (file: string, agree: string) => {
    const { stdout } = await run('node', [join(ROOT, 'examples', file), '--url', url, '--key', TEST_CLIENTS.MTY.key], {
      cwd: ROOT,
      timeout: 60_000,
    });
    expect(stdout).toContain(agree);
    const id = /sale (\S+):/.exec(stdout)![1];
    const ops = await t.prisma.$queryRawUnsafe<{ operation: string; status: string; batch_version: number }[]>(
      `SELECT operation::text, status::text, batch_version FROM sync_operations
       WHERE client_id = 'MTY_001' AND table_name = 'venta' AND record_id = $1 ORDER BY id`,
      id,
    );
    expect(ops).toEqual([
      { operation: 'CREATE', status: 'COMPLETED', batch_version: 1 },
      { operation: 'UPDATE', status: 'COMPLETED', batch_version: 2 },
    ]);
  };

  it('watermelondb-sync.mjs', () => runExample('watermelondb-sync.mjs', 'watermelondb: both databases agree'), 90_000);
  it('rxdb-sync.mjs', () => runExample('rxdb-sync.mjs', 'rxdb: both databases agree'), 90_000);
});

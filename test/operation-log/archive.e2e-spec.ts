import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Clock, ManualClock } from '@app/common';
import { OperationLogPartitionsService, OperationLogRetentionService } from '@app/operations';
import { useAsyncApp } from '../async/async-kit';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'scripts', 'archive.js');
const DAY = 86_400_000;
const clock = new ManualClock(new Date());

/** `npm run archive` (docs/operation-log.md): export a partition, let retention drop it, load it back: the same rows. */
describe('npm run archive', () => {
  const kit = useAsyncApp({ OPERATION_LOG_RETENTION: '400d', OPERATION_LOG_REQUIRE_ARCHIVE: 'true' }, [
    { provide: Clock, useValue: clock },
  ]);
  const retention = () => kit.t.get<OperationLogRetentionService>(OperationLogRetentionService);
  const dir = mkdtempSync(join(tmpdir(), 'archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const archive = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, DATABASE_URL: kit.t.database.url } });
  const rowsOf = (table: string) =>
    kit.t.prisma.$queryRawUnsafe<{ row: unknown }[]>(`SELECT to_jsonb(o) AS row FROM "${table}" o ORDER BY id`);

  it('exports a partition with a manifest, and loads it back after retention dropped it: same rows', async () => {
    const maintain = () =>
      kit.t.prisma.withTryLock(1, (tx) =>
        kit.t.get<OperationLogPartitionsService>(OperationLogPartitionsService).maintain(tx),
      );
    await maintain();
    await kit.mty().post('/items').send({ id: 'a-1', total: 1, note: 'Juan Pérez ☕ 𝄞', id_cola: 'job-x' }).expect(200);
    await kit.mty().put('/items/a-1').send({ ver: 2, total: 2 }).expect(200);
    await kit
      .mty()
      .post('/tables/venta/batch')
      .send({
        operations: Array.from({ length: 30 }, (_, k) => ({ operation: 'CREATE', record: { id: `b-${k}`, k } })),
      })
      .expect(200);
    await kit.mty().delete('/items/b-0?ver=2').expect(200);
    await kit.async(kit.mty().post('/items').send({ id: 'q-1', total: 3 })).expect(202);
    await kit.drain();
    const [{ starts_at }] = await kit.t.prisma.$queryRawUnsafe<{ starts_at: Date }[]>(
      `SELECT starts_at FROM sync_operation_partitions ORDER BY first_id DESC LIMIT 1`,
    );
    clock.set(new Date(starts_at.getTime() + 60_000));
    await maintain();
    const before = await rowsOf('sync_operations_p0');
    expect(before).toHaveLength(34);
    // OPERATION_LOG_REQUIRE_ARCHIVE: past the retention, but not exported yet.
    const now = clock.now();
    clock.set(new Date(Date.now() + 401 * DAY));
    expect(await retention().retireExpired()).toEqual({ retired: [], refused: ['sync_operations_p0'] });
    clock.set(now);

    const exported = await archive('export', 'sync_operations_p0', dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'sync_operations_p0', 'manifest.json'), 'utf8'));
    expect(JSON.parse(exported.stdout)).toEqual(manifest);
    expect(manifest).toMatchObject({
      partition: 'sync_operations_p0',
      files: [
        {
          table: 'sync_operations',
          file: 'sync_operations.jsonl.gz',
          rows: 34,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ],
    });
    expect((await archive('list')).stdout).toContain('sync_operations_p0');

    clock.set(new Date(Date.now() + 401 * DAY));
    const retired = await retention().retireExpired();
    expect(retired?.retired).toContain('sync_operations_p0');
    expect(await kit.t.prisma.$queryRawUnsafe(`SELECT to_regclass('sync_operations_p0')::text AS t`)).toEqual([
      { t: null },
    ]);

    const loaded = await archive('load', join(dir, 'sync_operations_p0'));
    expect(JSON.parse(loaded.stdout)).toEqual({ table: 'sync_operations_p0_restored', rows: 34 });
    expect(await rowsOf('sync_operations_p0_restored')).toEqual(before);

    // A file that does not match its manifest is refused, and nothing is loaded.
    appendFileSync(join(dir, 'sync_operations_p0', 'sync_operations.jsonl.gz'), 'x');
    await expect(archive('load', join(dir, 'sync_operations_p0'), 'tampered')).rejects.toMatchObject({
      stderr: expect.stringContaining('sha256'),
    });
    expect(await kit.t.prisma.$queryRawUnsafe(`SELECT to_regclass('tampered')::text AS t`)).toEqual([{ t: null }]);
  });
});

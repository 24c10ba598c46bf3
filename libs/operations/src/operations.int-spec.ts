import { Module } from '@nestjs/common';
import { AppConfig, Clock, ManualClock } from '@app/common';
import { PlatformModule } from '@app/platform';
import { createTestApp, TestApp } from '@app/testing';
import { OperationsModule } from './operations.module';
import { OperationsService } from './operations.service';

@Module({})
class OperationsTestModule {}

describe(OperationsService.name, () => {
  const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
  let t: TestApp;
  let operations: OperationsService;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config: AppConfig) => ({
        module: OperationsTestModule,
        imports: [PlatformModule.forRoot(config), OperationsModule],
      }),
      env: { STALE_OPERATION_TIMEOUT: '5m', MISSING_OPERATIONS_WARNING: '10', MISSING_OPERATIONS_CRITICAL: '100' },
      overrides: [{ provide: Clock, useValue: clock }],
    });
    operations = t.get(OperationsService);
  });
  afterAll(() => t.close());

  describe('markStaleAsError', () => {
    it('turns operations PROCESSING for longer than the timeout into ERROR, and nothing else (QUEUED ones are the async queue)', async () => {
      const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000);
      await t.prisma.$executeRaw`
        INSERT INTO sync_operations (table_name, record_id, client_id, operation, status, updated_at) VALUES
          ('venta', 'old-queued', 'MTY_001', 'CREATE', 'QUEUED', ${at(6)}),
          ('venta', 'old-processing', 'MTY_001', 'UPDATE', 'PROCESSING', ${at(10)}),
          ('venta', 'recent', 'MTY_001', 'CREATE', 'PROCESSING', ${at(4)}),
          ('venta', 'old-completed', 'MTY_001', 'CREATE', 'COMPLETED', ${at(60)})`;

      expect(await operations.markStaleAsError()).toBe(1);
      const rows = await t.prisma.$queryRaw<{ record_id: string; status: string; error: string | null }[]>`
        SELECT record_id, status::text, error FROM sync_operations ORDER BY record_id`;
      expect(rows).toEqual([
        { record_id: 'old-completed', status: 'COMPLETED', error: null },
        { record_id: 'old-processing', status: 'ERROR', error: 'Processing interrupted - please resend' },
        { record_id: 'old-queued', status: 'QUEUED', error: null },
        { record_id: 'recent', status: 'PROCESSING', error: null },
      ]);
      expect(await operations.markStaleAsError()).toBe(0);
    });
  });

  describe('missingOperations', () => {
    it('counts rows without an operation for their current version per client, with levels and newest ids first', async () => {
      await t.prisma.$executeRaw`
        INSERT INTO venta (_client_id, _hash_id, _ver, _created_at)
        SELECT 'MTY_001', 'm-' || lpad(g::text, 3, '0'), 1, timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, 150) g`;
      await t.prisma.$executeRaw`
        INSERT INTO venta (_client_id, _hash_id, _ver) SELECT 'GDL_002', 'g-' || g, 2 FROM generate_series(1, 12) g`;
      await t.prisma
        .$executeRaw`INSERT INTO venta (_client_id, _hash_id, _ver) VALUES ('TIJ_003', 't-1', 1), ('TIJ_003', 't-2', 1)`;
      // Operations: g-1 has one for its version (not missing); g-2 only for an older version (missing).
      await t.prisma.$executeRaw`
        INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status) VALUES
          ('venta', 'g-1', 'GDL_002', 2, 'CREATE', 'COMPLETED'), ('venta', 'g-2', 'GDL_002', 1, 'CREATE', 'COMPLETED'),
          ('devolucion', 't-1', 'TIJ_003', 1, 'CREATE', 'COMPLETED')`;

      const report = await operations.missingOperations('venta');
      expect(report.map((c) => [c.client_id, c.missing, c.level, c.records.length])).toEqual([
        ['MTY_001', 150, 'critical', 100],
        ['GDL_002', 11, 'warning', 11],
        ['TIJ_003', 2, 'normal', 2],
      ]);
      expect(report[0].records[0]).toMatchObject({ hash_id: 'm-150', ver: 1 });
      expect(report[0].records[99]).toMatchObject({ hash_id: 'm-051' });
      expect(report[1].records.map((r) => r.hash_id)).not.toContain('g-1');
    });

    it('puts 10 at normal, 11 to 100 at warning and over 100 at critical', () => {
      expect([0, 10, 11, 100, 101].map((n) => operations.levelOf(n))).toEqual([
        'normal',
        'normal',
        'warning',
        'warning',
        'critical',
      ]);
    });
  });
});

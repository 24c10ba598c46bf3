import { createTestDatabase, TestDatabase } from '@app/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, readMigrations } from './migrator';

describe(applyMigrations.name, () => {
  let db: TestDatabase;
  let client: Client;

  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterEach(async () => {
    await client.end();
    await db.drop();
  });

  it('applies every migration once and records it in _prisma_migrations as Prisma does', async () => {
    const files = readMigrations();
    const first = await applyMigrations(db.url);
    expect(first.applied).toEqual(files.map((f) => f.name));

    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at, logs FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toHaveLength(files.length);
    for (const [i, row] of rows.entries()) {
      expect(row.migration_name).toBe(files[i].name);
      expect(row.checksum).toBe(createHash('sha256').update(files[i].sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    const tables = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      '_prisma_migrations',
      'devolucion',
      'legacy_rate_limits',
      'sync_failures',
      'sync_job_operations',
      'sync_operation_partitions',
      'sync_operations',
      'sync_operations_p0',
      'sync_operations_processing',
      'sync_outbox',
      'sync_queue',
      'sync_record_heads',
      'venta',
    ]);

    const second = await applyMigrations(db.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(files.map((f) => f.name));
  });

  it('applies each migration exactly once when several instances start together', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(db.url)));
    const appliedCounts = results.map((r) => r.applied.length);
    expect(appliedCounts.reduce((a, b) => a + b, 0)).toBe(readMigrations().length);
    const { rows } = await client.query('SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1');
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('rolls a failing migration back whole, records nothing, and applies it on the next start once fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    mkdirSync(join(dir, '20260101000000_ok'));
    writeFileSync(join(dir, '20260101000000_ok', 'migration.sql'), 'CREATE TABLE a (id int);');
    mkdirSync(join(dir, '20260102000000_broken'));
    writeFileSync(
      join(dir, '20260102000000_broken', 'migration.sql'),
      'CREATE TABLE b (id int);\nSELECT * FROM no_such_table;',
    );

    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/20260102000000_broken failed: .*no_such_table/);
    const names = await client.query('SELECT migration_name FROM _prisma_migrations');
    expect(names.rows.map((r) => r.migration_name)).toEqual(['20260101000000_ok']);
    const b = await client.query(`SELECT to_regclass('public.b') AS t`);
    expect(b.rows[0].t).toBeNull();

    writeFileSync(join(dir, '20260102000000_broken', 'migration.sql'), 'CREATE TABLE b (id int);');
    expect((await applyMigrations(db.url, dir)).applied).toEqual(['20260102000000_broken']);
  });

  it('warns when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    mkdirSync(join(dir, '20260101000000_ok'));
    writeFileSync(join(dir, '20260101000000_ok', 'migration.sql'), 'CREATE TABLE a (id int);');
    await applyMigrations(db.url, dir);
    writeFileSync(join(dir, '20260101000000_ok', 'migration.sql'), 'CREATE TABLE a (id bigint);');
    expect((await applyMigrations(db.url, dir)).warnings).toEqual([
      expect.stringMatching(/20260101000000_ok was modified/),
    ]);
  });
});

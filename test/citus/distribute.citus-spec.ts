import { distribute } from '@app/database';
import { TestDatabase } from '@app/testing';
import { citusCluster, createCitusDatabase, distribution } from './citus-kit';

const { query } = require('../../scripts/citus-cluster');

/** `npm run db:distribute` on a fresh cluster database, after the real migrations. */
describe('Distributing the schema on Citus', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createCitusDatabase();
  });
  afterAll(() => database?.drop());

  it('runs on a coordinator with two workers', async () => {
    const { rows } = await query(
      database.url,
      `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'citus') AS version,
              (SELECT count(*)::int FROM pg_dist_node WHERE groupid > 0 AND isactive) AS workers`,
    );
    expect(rows[0].version).toMatch(/^\d+\.\d+/);
    expect(rows[0].workers).toBe(citusCluster().workerUrls.length);
    expect(rows[0].workers).toBeGreaterThanOrEqual(2);
  });

  it('distributes every table: by client id and co-located, or as a reference table; shards on both workers', async () => {
    const tables = await distribution(database.url);
    expect(tables.filter((t) => t.method === null).map((t) => t.table)).toEqual([]);
    const hashed = tables.filter((t) => t.method === 'h');
    expect(hashed.map((t) => t.table)).toEqual(expect.arrayContaining(['venta', 'devolucion', 'sync_operations']));
    for (const t of hashed) {
      expect({ table: t.table, column: t.column }).toEqual({
        table: t.table,
        column: expect.stringMatching(/client_id/),
      });
      expect({ table: t.table, nodes: t.nodes }).toEqual({ table: t.table, nodes: citusCluster().workerUrls.length });
    }
    expect(new Set(hashed.map((t) => t.colocation)).size).toBe(1);
    expect(tables.filter((t) => !['h', 'n'].includes(t.method!))).toEqual([]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await distribution(database.url);
    await distribute(database.url);
    expect(await distribution(database.url)).toEqual(before);
  });
});

import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { applyAndLogSql, statementValues } from './apply-and-log.statement';

const CLIENT = 'MTY_001';
const HISTORY = 3_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The synchronous statement asks, for each change, whether its record has operations waiting in
 * the asynchronous queue. That probe must read the record's own index entries, never the client's
 * whole history: a version that joined on `record_id IN (...)` scanned every operation of the
 * client and table (7,429 index entries filtered for one record after a few seconds of bench load),
 * so a single-record ingest slowed down as the log grew. Checked on the plan PostgreSQL actually
 * ran, with the statistics of a table that has just grown (no ANALYZE yet), as in production.
 */
describe('apply-and-log statement plan (integration)', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status)
       SELECT 'venta', 'old-' || n, $1, 1, 'CREATE', 'COMPLETED' FROM generate_series(1, $2::int) n`,
      [CLIENT, HISTORY],
    );
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const changes = (label: string, size: number) =>
    Array.from({ length: size }, (_, k) => ({
      operation: 'CREATE' as const,
      id: `new-${label}-${size}-${k}`,
      ver: 1,
      queueId: null,
      fields: { total: k },
    }));

  /** Rows of sync_operations the plan read (returned, or removed by a filter), as EXPLAIN ANALYZE reports them. */
  const operationsRead = (plan: PlanNode) =>
    nodes(plan)
      .filter((n) => n['Relation Name'] === 'sync_operations' && /Scan/.test(n['Node Type']))
      .map(
        // per-loop averages, as EXPLAIN reports them
        (n) =>
          ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) *
          (n['Actual Loops'] ?? 1),
      );

  it.each([1, 100])("reads only a handful of the log's entries for %i new records", async (size) => {
    const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${applyAndLogSql('venta', 'insert')}`,
      statementValues(CLIENT, 'venta', changes('fresh', size), true),
    );

    const reads = operationsRead(rows[0]['QUERY PLAN'][0].Plan);
    expect(reads.length).toBeGreaterThan(0); // the probe is there
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(size);
  });

  // The statement is prepared once per connection and its generic plan kept: planned while the
  // queue index's statistics said "empty", a probe through that index scanned the whole queue
  // for each record once the queue had grown.
  it("reads only the records' own entries through a cached plan while a queue of other records waits", async () => {
    await client.query('VACUUM ANALYZE sync_operations'); // statistics of an empty queue
    await client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
       SELECT 'venta', 'queued-' || n, $1, 1, 'CREATE', 'QUEUED', '{}' FROM generate_series(1, $2::int) n`,
      [CLIENT, HISTORY],
    );
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await client.query(`PREPARE cached AS ${applyAndLogSql('venta', 'insert')}`);
      const literals = statementValues(CLIENT, 'venta', changes('queued', 10), true).map((v) =>
        client.escapeLiteral(String(v)),
      );
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE cached(${literals.join(', ')})`,
      );
      expect(operationsRead(rows[0]['QUERY PLAN'][0].Plan).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    } finally {
      await client.query('ROLLBACK');
      await client.query('DEALLOCATE ALL');
    }
  });
});

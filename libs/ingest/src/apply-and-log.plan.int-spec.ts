import { PlanNode, rowsRead, scansOf, usePlanDatabase } from '@app/testing';
import { applyAndLogSql } from './apply-and-log.statement';
import { statementValues } from './apply-and-log.values';

const CLIENT = 'MTY_001';
const HISTORY = 3_000;

/**
 * The synchronous statement asks, for each change, whether its record has operations waiting in
 * the asynchronous queue. That probe must read the record's own index entries, never the client's
 * whole history: a version that joined on `record_id IN (...)` scanned every operation of the
 * client and table (7,429 index entries filtered for one record after a few seconds of bench load),
 * so a single-record ingest slowed down as the log grew. Checked on the plan PostgreSQL actually
 * ran, with the statistics of a table that has just grown (no ANALYZE yet), as in production.
 */
describe('apply-and-log statement plan (integration)', () => {
  const db = usePlanDatabase((client) =>
    client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status)
       SELECT 'venta', 'old-' || n, $1, 1, 'CREATE', 'COMPLETED' FROM generate_series(1, $2::int) n`,
      [CLIENT, HISTORY],
    ),
  );

  const changes = (label: string, size: number) =>
    Array.from({ length: size }, (_, k) => ({
      operation: 'CREATE' as const,
      id: `new-${label}-${size}-${k}`,
      ver: 1,
      queueId: null,
      fields: { total: k },
    }));

  /** Rows of sync_operations the plan read (returned, or removed by a filter), as EXPLAIN ANALYZE reports them. */
  const operationsRead = (plan: PlanNode) => scansOf(plan, 'sync_operations').map(rowsRead);

  it.each([1, 100])("reads only a handful of the log's entries for %i new records", async (size) => {
    const { rows } = await db.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
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
    await db.client.query('VACUUM ANALYZE sync_operations'); // statistics of an empty queue
    await db.client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
       SELECT 'venta', 'queued-' || n, $1, 1, 'CREATE', 'QUEUED', '{}' FROM generate_series(1, $2::int) n`,
      [CLIENT, HISTORY],
    );
    await db.client.query('BEGIN');
    try {
      await db.client.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await db.client.query(`PREPARE cached AS ${applyAndLogSql('venta', 'insert')}`);
      const literals = statementValues(CLIENT, 'venta', changes('queued', 10), true).map((v) =>
        db.client.escapeLiteral(String(v)),
      );
      const { rows } = await db.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE cached(${literals.join(', ')})`,
      );
      expect(operationsRead(rows[0]['QUERY PLAN'][0].Plan).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    } finally {
      await db.client.query('ROLLBACK');
      await db.client.query('DEALLOCATE ALL');
    }
  });
});

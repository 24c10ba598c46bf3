import { PgTx, Prepared } from '@app/database';
import { PlanNode, rowsRead, scansOf, usePlanDatabase } from '@app/testing';
import { AsyncIngestRepository } from './async-ingest.repository';

const QUEUED = 5_000;
const LIMIT = 100;

/**
 * A worker's claim reads the head of the queue in id order, whatever the planner believes about
 * the queue's size: with statistics taken while the queue was small, a claim of 1,000 read all
 * 50,000 QUEUED operations through a bitmap scan and sorted them (28 ms instead of 1 ms). Checked
 * on the plan PostgreSQL ran, on a queue that has just grown (no ANALYZE yet).
 */
describe('asynchronous claim plan (integration)', () => {
  const db = usePlanDatabase((client) =>
    client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
       SELECT 'venta', 'q-' || n, 'MTY_001', 1, 'CREATE', 'QUEUED', '{"total": 1}' FROM generate_series(1, $1::int) n`,
      [QUEUED],
    ),
  );

  it(`reads about ${LIMIT} operations of a queue of ${QUEUED} to claim ${LIMIT}`, async () => {
    let plan: PlanNode | undefined;
    // The repository's own statements, the claim itself run under EXPLAIN ANALYZE in the same transaction.
    const explaining: PgTx = {
      query: async <R>(statement: string | Prepared, values?: unknown[]) => {
        const text = typeof statement === 'string' ? statement : statement.text;
        if (!text.includes('SKIP LOCKED')) return (await db.client.query(text, values)) as unknown as { rows: R[] };
        const { rows } = await db.client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
        plan = (rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0].Plan;
        return { rows: [] as R[] };
      },
    };
    await db.client.query('BEGIN');
    try {
      await new AsyncIngestRepository(undefined as never).claim(explaining, LIMIT, false);
    } finally {
      await db.client.query('ROLLBACK');
    }

    const scans = scansOf(plan!, 'sync_operations');
    const read = scans.reduce((sum, n) => sum + rowsRead(n), 0);
    expect(scans.map((n) => n['Node Type'])).not.toContain('Bitmap Heap Scan');
    expect(read).toBeLessThanOrEqual(5 * LIMIT);
  });
});

import { Client } from 'pg';
import { PgTx, Prepared } from '@app/database';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { AsyncIngestRepository } from './async-ingest.repository';

const QUEUED = 5_000;
const LIMIT = 100;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/**
 * A worker's claim reads the head of the queue in id order, whatever the planner believes about
 * the queue's size: with statistics taken while the queue was small, a claim of 1,000 read all
 * 50,000 QUEUED operations through a bitmap scan and sorted them (28 ms instead of 1 ms). Checked
 * on the plan PostgreSQL ran, on a queue that has just grown (no ANALYZE yet).
 */
describe('asynchronous claim plan (integration)', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
       SELECT 'venta', 'q-' || n, 'MTY_001', 1, 'CREATE', 'QUEUED', '{"total": 1}' FROM generate_series(1, $1::int) n`,
      [QUEUED],
    );
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it(`reads about ${LIMIT} operations of a queue of ${QUEUED} to claim ${LIMIT}`, async () => {
    let plan: PlanNode | undefined;
    // The repository's own statements, the claim itself run under EXPLAIN ANALYZE in the same transaction.
    const explaining: PgTx = {
      query: async <R>(statement: string | Prepared, values?: unknown[]) => {
        const text = typeof statement === 'string' ? statement : statement.text;
        if (!text.includes('SKIP LOCKED')) return (await client.query(text, values)) as unknown as { rows: R[] };
        const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
        plan = (rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0].Plan;
        return { rows: [] as R[] };
      },
    };
    await client.query('BEGIN');
    try {
      await new AsyncIngestRepository(undefined as never).claim(explaining, LIMIT, false);
    } finally {
      await client.query('ROLLBACK');
    }

    const scans = nodes(plan!).filter((n) => n['Relation Name'] === 'sync_operations' && /Scan/.test(n['Node Type']));
    const read = scans.reduce(
      (sum, n) =>
        sum +
        ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) *
          (n['Actual Loops'] ?? 1),
      0,
    );
    expect(scans.map((n) => n['Node Type'])).not.toContain('Bitmap Heap Scan');
    expect(read).toBeLessThanOrEqual(5 * LIMIT);
  });
});

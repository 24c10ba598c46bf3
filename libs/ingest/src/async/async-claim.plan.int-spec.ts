import { Client } from 'pg';
import type { AppConfig } from '@app/common';
import { PgTx, Prepared } from '@app/database';
import { PlanNode, planNodes, rowsRead, scansOf, usePlanDatabase } from '@app/testing';
import { AsyncQueueRepository } from './async-queue.repository';

const ENTRIES = 2_000;
const ENTRY_SIZE = 5;
const LIMIT = 200;

/**
 * A worker's claim reads the head of the queue, whatever the planner believes about its size:
 * with statistics taken while the queue was small, a claim read the whole queue (a bitmap scan and
 * a sort, 28 ms for 1,000 out of 50,000) or probed it once per operation. Checked on the plans
 * PostgreSQL ran, on a queue that has just grown (no ANALYZE yet), with the head held by another
 * worker so that the claim also reads what is ahead of it.
 */
describe('asynchronous claim plan (integration)', () => {
  const db = usePlanDatabase(async (client) => {
    await client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
       SELECT 'venta', 'q-' || n, 'MTY_001', 1, 'CREATE', 'QUEUED', '{"total": 1}' FROM generate_series(1, $1::int) n`,
      [ENTRIES * ENTRY_SIZE],
    );
    await client.query(
      `INSERT INTO sync_queue (operation_id, client_id, table_name, operation_ids, size)
       SELECT min(id), 'MTY_001', 'venta', array_agg(id ORDER BY id), count(*)
       FROM sync_operations GROUP BY (id - 1) / $1`,
      [ENTRY_SIZE],
    );
  });

  it(`reads about ${LIMIT} operations of a queue of ${ENTRIES * ENTRY_SIZE}, and ${ENTRY_SIZE} ahead, to claim ${LIMIT}`, async () => {
    const plans: PlanNode[] = [];
    // The repository's own statements, each also run under EXPLAIN ANALYZE in the same transaction.
    const explaining: PgTx = {
      query: async <R>(statement: string | Prepared, values?: unknown[]) => {
        const text = typeof statement === 'string' ? statement : statement.text;
        const { rows } = await db.client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
        plans.push((rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0].Plan);
        return (await db.client.query(text, values)) as unknown as { rows: R[] };
      },
    };
    // Another worker holds the head entry.
    const other = new Client({ connectionString: db.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM sync_queue ORDER BY operation_id LIMIT 1 FOR UPDATE');
    await db.client.query('BEGIN');
    try {
      const queue = new AsyncQueueRepository(undefined as never, { databaseEngine: 'postgres' } as AppConfig);
      const head = await queue.claimHead(explaining);
      const claim = await queue.claimRest(explaining, head!, LIMIT, false);
      expect(claim.operations).toHaveLength(LIMIT);
      expect(claim.entries.map((e) => Number(e.operation_id))).toEqual(
        Array.from({ length: LIMIT / ENTRY_SIZE }, (_, k) => 1 + ENTRY_SIZE * (k + 1)),
      );
    } finally {
      await db.client.query('ROLLBACK');
      await other.end();
    }

    const read = (table: string) => plans.flatMap((p) => scansOf(p, table)).reduce((sum, n) => sum + rowsRead(n), 0);
    expect(plans.flatMap(planNodes).map((n) => n['Node Type'])).not.toContain('Seq Scan');
    // The claim's operations, and the head entry's that are ahead of them.
    expect(read('sync_operations')).toBeLessThanOrEqual(2 * LIMIT + ENTRY_SIZE);
    // The head, and at most LIMIT entries after it to find those that fit (not the queue's ${ENTRIES}).
    expect(read('sync_queue')).toBeLessThanOrEqual(2 * LIMIT);
  });
});

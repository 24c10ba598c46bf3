import { PlanNode, planNodes, rowsRead, scansOf, usePlanDatabase } from '@app/testing';
import { jobOperationsCte, jobOperationsWhere } from '../job-operations';
import { addMonthlyPartitions } from './partitions.plan-kit';

const PARTITIONS = 24;
const CLIENT = 'MTY_001';

/**
 * The hot paths on a log of two years of monthly partitions (docs/operation-log.md): what reads
 * by id (a worker's completion, job progress) touches one partition (the status statement's plan:
 * record-status.plan.int-spec.ts); a job's rows, partitioned with the log, are found by probing
 * each partition's job index and reading only the job's own rows, and a new job row goes to the
 * current period's partition.
 */
describe('operation log partitions: plans (integration)', () => {
  const db = usePlanDatabase((client) => addMonthlyPartitions(client, PARTITIONS, CLIENT));

  const explain = async (sql: string, values: unknown[]) =>
    (await db.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values))
      .rows[0]['QUERY PLAN'][0].Plan;
  const ran = (plan: PlanNode, table: string) => scansOf(plan, table).filter((n) => (n['Actual Loops'] ?? 0) > 0);

  it('reads operations by id from their partition only', async () => {
    const ids = [(7n << 40n) + 3n, (7n << 40n) + 9n].map(String);
    const plan = await explain(`SELECT * FROM sync_operations WHERE id = ANY($1::bigint[])`, [ids]);
    const scanned = planNodes(plan).filter((n) => /Scan/.test(n['Node Type']) && (n['Actual Loops'] ?? 0) > 0);
    expect(scanned.map((n) => n['Relation Name'])).toEqual(['sync_operations_p7']);
  });

  it("job progress reads only the job's own rows, then its operations from their partition only", async () => {
    const plan = await explain(`SELECT o.status FROM ${jobOperationsWhere('o.status')}`, [CLIENT, 'job-7-3']);
    const jobs = scansOf(plan, 'sync_job_operations');
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(jobs.reduce((a, n) => a + rowsRead(n), 0)).toBe(10);
    const operations = ran(plan, 'sync_operations');
    expect(operations.map((n) => n['Relation Name'])).toEqual(['sync_operations_p7']);
    expect(operations.reduce((a, n) => a + rowsRead(n), 0)).toBe(100);
  });

  it("a statement's job row goes to its operations' partition: its id comes from the log's sequence, after theirs", async () => {
    const first = (9n << 40n) + 1000n;
    await db.client.query(`SELECT setval(pg_get_serial_sequence('sync_operations', 'id'), $1::bigint, false)`, [
      first.toString(),
    ]);
    await db.client.query(
      `WITH logged AS (
         INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, queue_id, operation, status)
         SELECT 'venta', 'new-' || n, $1, 1, 'job-new', 'CREATE', 'COMPLETED' FROM generate_series(1, 3) n
         RETURNING id, client_id, queue_id),
       ${jobOperationsCte('logged')} SELECT 1`,
      [CLIENT],
    );
    const { rows } = await db.client.query(
      `SELECT tableoid::regclass::text AS partition, id::text, operation_ids::text[] AS ids
       FROM sync_job_operations WHERE queue_id = 'job-new'`,
    );
    expect(rows).toEqual([
      {
        partition: 'sync_job_operations_p9',
        id: (first + 3n).toString(),
        ids: [0n, 1n, 2n].map((n) => (first + n).toString()),
      },
    ]);
  });
});

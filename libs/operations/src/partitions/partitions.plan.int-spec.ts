import { PlanNode, planNodes, usePlanDatabase } from '@app/testing';
import { addMonthlyPartitions } from './partitions.plan-kit';

const PARTITIONS = 24;
const CLIENT = 'MTY_001';

/**
 * The hot paths on a log of two years of monthly partitions (docs/operation-log.md): what reads
 * by id (a worker's completion, job progress) touches one partition (the status statement's plan:
 * record-status.plan.int-spec.ts).
 */
describe('operation log partitions: plans (integration)', () => {
  const db = usePlanDatabase((client) => addMonthlyPartitions(client, PARTITIONS, CLIENT));

  const explain = async (sql: string, values: unknown[]) =>
    (await db.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values))
      .rows[0]['QUERY PLAN'][0].Plan;

  it('reads operations by id from their partition only', async () => {
    const ids = [(7n << 40n) + 3n, (7n << 40n) + 9n].map(String);
    const plan = await explain(`SELECT * FROM sync_operations WHERE id = ANY($1::bigint[])`, [ids]);
    const scanned = planNodes(plan).filter((n) => /Scan/.test(n['Node Type']) && (n['Actual Loops'] ?? 0) > 0);
    expect(scanned.map((n) => n['Relation Name'])).toEqual(['sync_operations_p7']);
  });
});

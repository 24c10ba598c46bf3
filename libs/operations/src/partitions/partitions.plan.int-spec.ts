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
  const db = usePlanDatabase(async (client) => {
    for (let k = 1; k <= PARTITIONS; k++) {
      const [first, end] = [BigInt(k) << 40n, BigInt(k + 1) << 40n];
      await client.query(
        `CREATE TABLE sync_operations_p${k} (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (fillfactor = 50)`,
      );
      await client.query(
        `ALTER TABLE sync_operations ATTACH PARTITION sync_operations_p${k} FOR VALUES FROM (${first}) TO (${end})`,
      );
      await client.query(
        `INSERT INTO sync_operations (id, table_name, record_id, client_id, batch_version, operation, status)
         SELECT $1::bigint + n, 'venta', 'r-' || $2::int || '-' || n, $3, 1, 'CREATE', 'COMPLETED' FROM generate_series(1, 500) n`,
        [first.toString(), k, CLIENT],
      );
    }
  });

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

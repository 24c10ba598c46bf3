import { addMonthlyPartitions } from '@app/operations';
import { PlanNode, rowsRead, scansOf, usePlanDatabase } from '@app/testing';
import { statusSql } from './record-status.repository';

const PARTITIONS = 24;
const CLIENT = 'MTY_001';

/**
 * Status carries no time, so on a partitioned log (docs/operation-log.md) it probes every
 * partition's lookup index; with two years of monthly partitions each probe must still read only
 * the record's own entries (not walk a partition's primary key backwards), and the record head
 * (retention's summary) one primary-key probe.
 */
describe('status statement plan on a partitioned log (integration)', () => {
  const db = usePlanDatabase((client) => addMonthlyPartitions(client, PARTITIONS, CLIENT));

  it.each([1, 100])("reads only the records' own entries of each partition for %i ids", async (size) => {
    const ids = Array.from({ length: size }, (_, n) => `r-${(n % PARTITIONS) + 1}-${n + 1}`);
    const { rows } = await db.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${statusSql('venta')}`,
      [ids, ids.map(() => null), ids.map(() => null), CLIENT, 'venta', 'Stale version ignored', null],
    );
    const plan = rows[0]['QUERY PLAN'][0].Plan;
    const scans = scansOf(plan, 'sync_operations');
    expect(scans.every((n) => /Index/.test(n['Node Type']))).toBe(true);
    // Each id: its one operation found by probing PARTITIONS + 1 lookup indexes, and (no row in
    // venta: the lost-row check) once more for its newest applied operation.
    expect(scans.reduce((a, n) => a + rowsRead(n), 0)).toBe(2 * size);
    expect(scansOf(plan, 'sync_record_heads').every((n) => /Index/.test(n['Node Type']))).toBe(true);
  });
});

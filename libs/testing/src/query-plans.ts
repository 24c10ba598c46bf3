import { Client } from 'pg';
import { useDatabaseClient } from './test-database';

/** One node of a plan PostgreSQL ran, as `EXPLAIN (ANALYZE, FORMAT JSON)` writes it. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** The scans of `table` in a plan, or of its partitions (`<table>_p<digits>`: the operation log's). */
export function scansOf(plan: PlanNode, table: string): PlanNode[] {
  const partition = new RegExp(`^${table}_p\\d+$`);
  return planNodes(plan).filter(
    (n) => (n['Relation Name'] === table || partition.test(n['Relation Name'] ?? '')) && /Scan/.test(n['Node Type']),
  );
}

/** Rows a node read: those it returned plus those its filter and recheck removed, over all its loops (EXPLAIN gives per-loop averages). */
export function rowsRead(n: PlanNode): number {
  return (
    ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) *
    (n['Actual Loops'] ?? 1)
  );
}

/**
 * For specs that check the plans PostgreSQL actually runs: a fresh database and one node-pg
 * connection to it (`client`, set once beforeAll ran, like `url`), filled by `seed` first. No ANALYZE is run,
 * so the planner sees a table that has just grown, as in production.
 */
export function usePlanDatabase(seed: (client: Client) => Promise<unknown>): { client: Client; url: string } {
  return useDatabaseClient({ seed });
}

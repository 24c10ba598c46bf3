import { PlanNode, rowsRead, scansOf, usePlanDatabase } from '@app/testing';
import { pageSql } from './changes.repository';

const ROWS = 20_000;

/**
 * A page of the feed reads its rows from <table>_changes_idx, starting at the cursor: the rows it
 * returns (and the one more that says whether more wait), never the client's other rows, whatever
 * the cursor's place. Checked on the plan PostgreSQL actually ran.
 */
describe('change feed page plan (integration)', () => {
  const db = usePlanDatabase(async (client) => {
    await client.query(
      `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT c, 'r-' || n, 1, jsonb_build_object('n', n)
       FROM generate_series(1, $1::int) n, unnest(ARRAY['MTY_001', 'GDL_002']) c`,
      [ROWS],
    );
    await client.query('ANALYZE venta');
  });

  it.each([
    ['the start', '0', ''],
    ['a cursor', '1', 'r-5000'],
  ])('reads one page from %s, by the index', async (_, xid, hashId) => {
    const { rows } = await db.client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${pageSql('venta')}`,
      ['MTY_001', 'venta', xid, hashId, true, 1001],
    );
    const scans = scansOf(rows[0]['QUERY PLAN'][0].Plan, 'venta');
    expect(scans.map((s) => (s as PlanNode & { 'Index Name'?: string })['Index Name'])).toEqual(['venta_changes_idx']);
    expect(scans.map(rowsRead)).toEqual([1001]);
  });
});

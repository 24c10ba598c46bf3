import { usePlanDatabase } from '@app/testing';
import { batchColumns, batchRowsSql } from './batch-columns';
import { Change } from './change';

// The batch's columns are array literals built by hand: what PostgreSQL reads back must be exactly
// what was sent, whatever the ids hold, in input order.
describe('batchColumns through PostgreSQL', () => {
  const db = usePlanDatabase(async () => undefined);

  const rows = async (changes: Change[]) => {
    const b = batchColumns(changes);
    const sql = `SELECT op, hash_id, ver, queue_id, fields, idx::int FROM ${batchRowsSql({ fields: '$1', ops: '$2', ids: '$3', versions: '$4', jobs: '$5' })} i ORDER BY idx`;
    return (await db.client.query(sql, [b.fields, b.ops, b.ids, b.versions, b.jobs])).rows;
  };

  it('reads back every id, job id, version and field exactly, in input order', async () => {
    const ids = ['a"b', 'c\\d', '{e,f}', 'NULL', ' spaced ', 'ü€😀', '\\"', 'x'.repeat(255)];
    const changes: Change[] = ids.map((id, k) => ({
      operation: k % 2 ? 'UPDATE' : 'CREATE',
      id,
      ver: k + 1,
      queueId: k === 3 ? null : `job "${k}" \\`,
      fields: { text: id, n: k, nested: { list: [1, 'two', null] } },
    }));

    expect(await rows(changes)).toEqual(
      changes.map((c, k) => ({
        op: c.operation,
        hash_id: c.id,
        ver: c.ver,
        queue_id: c.queueId,
        fields: c.fields,
        idx: k + 1,
      })),
    );
  });

  it("gives a DELETE's null fields as SQL NULL", async () => {
    const [row] = await rows([{ operation: 'DELETE', id: 'd', ver: 2, queueId: null, fields: null }]);
    expect(row).toEqual({ op: 'DELETE', hash_id: 'd', ver: 2, queue_id: null, fields: null, idx: 1 });
    const { rows: isNull } = await db.client.query<{ sql_null: boolean }>(
      `SELECT fields IS NULL AS sql_null FROM ${batchRowsSql({ fields: '$1', ops: '$2', ids: '$3', versions: '$4' })} i`,
      (({ fields, ops, ids, versions }) => [fields, ops, ids, versions])(
        batchColumns([{ operation: 'DELETE', id: 'd', ver: 2, queueId: null, fields: null }]),
      ),
    );
    expect(isNull).toEqual([{ sql_null: true }]);
  });
});

import { statusSql } from '@app/record-status/record-status.repository';
import { pageSql } from '@app/changes/changes.repository';
import { applyAndLogSql } from '@app/ingest/apply-and-log.statement';
import { statementValues } from '@app/ingest/apply-and-log.values';
import { OperationNote } from '@app/operations';
import { recordId, withDatabase } from '@app/testing';
import { citusCluster, connect, useCitusApp } from './citus-kit';

/** `EXPLAIN`'s text: the tasks' counts and the nodes they run on. */
const tasks = (plan: string[]) => ({
  counts: plan.filter((l) => /Task Count:/.test(l)).map((l) => Number(/Task Count: (\d+)/.exec(l)![1])),
  nodes: new Set(plan.filter((l) => /Node: host=/.test(l)).map((l) => /port=(\d+)/.exec(l)![1])),
  subplans: plan.filter((l) => /Distributed Subplan/.test(l)).length,
});

/**
 * docs/scaling.md "How resync runs on Citus", on the cluster: the hot reads go to the store's
 * worker whole (one task, one snapshot); the ingest statement, which Citus splits (no INSERT in a
 * routed WITH), sends every part to that worker alone and still decides as PostgreSQL does; the
 * change feed's `_xid` is the worker's, stamped by the trigger.
 */
describe('Hot statements on Citus', () => {
  const kit = useCitusApp();
  const explain = async (sql: string, values: unknown[]) =>
    (await kit.sql<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, values)).map((r) => r['QUERY PLAN']);
  /** The worker that holds a store's shard. */
  const workerOf = async (client: string) =>
    (
      await kit.sql<{ port: number }>(
        `SELECT nodeport AS port FROM citus_shards
         WHERE table_name = 'venta'::regclass AND shardid = get_shard_id_for_distribution_column('venta', $1::text)`,
        [client],
      )
    )[0].port;

  it('record status and the change feed are one task each, on the store worker', async () => {
    const port = String(await workerOf('MTY_001'));
    const status = tasks(
      await explain(statusSql('venta'), [['a', 'b'], [null, null], [null, null], 'MTY_001', 'venta', 'x', null]),
    );
    expect(status).toEqual({ counts: [1], nodes: new Set([port]), subplans: 0 });
    const feed = tasks(await explain(pageSql('venta'), ['MTY_001', 'venta', '0', '', true, 100]));
    expect(feed).toEqual({ counts: [1], nodes: new Set([port]), subplans: 0 });
  });

  it("sends every part of the ingest statement to the store's worker alone", async () => {
    const port = String(await workerOf('MTY_001'));
    const changes = [{ operation: 'UPDATE' as const, id: 'plan-1', ver: 2, queueId: null, fields: { n: 1 } }];
    const plan = tasks(
      await explain(
        applyAndLogSql('venta', 'insert', { citus: true }),
        statementValues('MTY_001', 'venta', changes, true),
      ),
    );
    expect(plan.subplans).toBeGreaterThan(0); // Citus splits it: see the docs
    expect(plan.counts.every((n) => n === 1)).toBe(true);
    // The coordinator answers the parts that only read the statement's own intermediate results.
    expect([...plan.nodes].filter((p) => p !== port && p !== new URL(kit.database.url).port)).toEqual([]);
  });

  it('a DELETE at version 1 then an UPDATE at version 2 answer as on PostgreSQL (the issue)', async () => {
    const id = recordId('issue');
    const mty = () => kit.t.as('MTY');
    expect((await mty().delete(`/items/${id}?ver=1`).expect(200)).body.note).toBe(OperationNote.AlreadyDeleted);
    expect((await mty().put(`/items/${id}`).send({ ver: 2, total: 2 }).expect(200)).body.note).toBe(
      OperationNote.CreatedByUpdate,
    );
    expect((await mty().put(`/items/${id}`).send({ ver: 3, total: 3 }).expect(200)).body.note).toBeUndefined();
    expect((await mty().delete(`/items/${id}?ver=4`).expect(200)).body.note).toBeUndefined();
  });

  it("stamps `_xid` with the worker's transaction, which the feed's snapshot on that worker serves", async () => {
    const port = String(await workerOf('MTY_001'));
    const worker = await connect(
      withDatabase(
        citusCluster().workerUrls.find((u) => new URL(u).port === port)!,
        kit.database.name,
      ),
    );
    const coordinator = await connect(kit.database.url);
    const counter = async (c: typeof worker) =>
      BigInt((await c.query<{ x: string }>(`SELECT pg_current_xact_id()::text AS x`)).rows[0].x);
    const id = recordId('xid');
    /** The worker's counter before and after the write, and the row's `_xid`. */
    const write = async () => {
      try {
        // The coordinator's counter 1,000 ahead of the worker's: an id then tells which node handed it out.
        const start = await counter(worker);
        while ((await counter(coordinator)) < start + 1000n);
        const before = await counter(worker);
        await kit.t.as('MTY').post('/items').send({ id, n: 1 }).expect(200);
        const after = await counter(worker);
        const [row] = await kit.sql<{ xid: string }>(
          `SELECT _xid::text AS xid FROM venta WHERE _client_id = 'MTY_001' AND _hash_id = $1`,
          [id],
        );
        return { before, after, xid: BigInt(row.xid) };
      } finally {
        await worker.end();
        await coordinator.end();
      }
    };
    const { before, after, xid } = await write();
    expect(xid).toBeGreaterThan(before);
    expect(xid).toBeLessThan(after);
    const seen = new Set<string>();
    for (let tries = 0; tries < 100 && !seen.has(id); tries++) {
      const page = (await kit.t.as('MTY').get('/tables/venta/changes').expect(200)).body;
      page.changes.forEach((c: { id: string }) => seen.add(c.id));
      if (!seen.has(id)) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.has(id)).toBe(true);
  });
});

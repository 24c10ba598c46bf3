import { expireFeeds } from '@app/database';
import { recordId, withDatabase } from '@app/testing';
import { Client } from 'pg';
import { citusCluster, connect, useCitusApp } from './citus-kit';

interface Page {
  changes: { id: string }[];
  next: string;
  has_more: boolean;
}

/**
 * docs/scaling.md "Shard moves and the change feed": a store's rows moved to a worker whose
 * transaction ids are behind the old one's. Its devices' cursors point past every id the new
 * worker hands out, so new writes would never reach them; `db:expire-feeds` makes those cursors
 * answer 410 and the full pull after it serves every row and later writes.
 */
describe('A shard move and the change feed', () => {
  const kit = useCitusApp();
  const nodeOf = async (client: string) =>
    (
      await kit.sql<{ port: number; shard: string }>(
        `SELECT nodeport AS port, shardid::text AS shard FROM citus_shards
         WHERE table_name = 'venta'::regclass AND shardid = get_shard_id_for_distribution_column('venta', $1::text)`,
        [client],
      )
    )[0];
  const pull = (since?: string) =>
    kit.t.as('MTY').get(`/tables/venta/changes${since ? `?since=${encodeURIComponent(since)}` : ''}`);
  /** Pulls from `since` until the feed has served `ids` (or gives up: what it served). */
  const pullUntil = async (ids: string[], since?: string, tries = 60) => {
    const seen = new Set<string>();
    let cursor = since;
    for (let n = 0; n < tries; n++) {
      const page = (await pull(cursor).expect(200)).body as Page;
      page.changes.forEach((c) => seen.add(c.id));
      cursor = page.next;
      if (!page.has_more && ids.every((id) => seen.has(id))) break;
      if (!page.has_more) await new Promise((r) => setTimeout(r, 50));
    }
    return { cursor: cursor!, seen };
  };
  const counter = async (c: Client) =>
    BigInt((await c.query<{ x: string }>(`SELECT pg_current_xact_id()::text AS x`)).rows[0].x);

  it('expires the moved store cursors; the full pull then serves every row and later writes', async () => {
    const { workerUrls } = citusCluster();
    const from = await nodeOf('MTY_001');
    const [source, target] = await Promise.all(
      [
        workerUrls.find((u) => new URL(u).port === String(from.port))!,
        workerUrls.find((u) => new URL(u).port !== String(from.port))!,
      ].map((u) => connect(withDatabase(u, kit.database.name))),
    );
    try {
      // The source worker's ids 2,000 ahead of the target's.
      const ahead = (await counter(target)) + 2000n;
      while ((await counter(source)) < ahead);
      const before = [recordId('move'), recordId('move')];
      for (const id of before) await kit.t.as('MTY').post('/items').send({ id, n: 1 }).expect(200);
      const device = await pullUntil(before);
      expect([...device.seen].sort()).toEqual([...before].sort());

      // The whole shard group (every table's shard of the store) moves together: they are co-located.
      await kit.sql(
        `SELECT citus_move_shard_placement(s.shardid, s.nodename, s.nodeport, n.nodename, n.nodeport,
                                           shard_transfer_mode => 'block_writes')
         FROM citus_shards s, pg_dist_node n
         WHERE s.shardid = $1::bigint AND n.noderole = 'primary' AND n.shouldhaveshards AND n.nodeport <> s.nodeport`,
        [from.shard],
      );
      const to = await nodeOf('MTY_001');
      expect(to.port).not.toBe(from.port);
      expect(to.port).toBe(target.port);
      const moved = recordId('move');
      await kit.t.as('MTY').post('/items').send({ id: moved, n: 2 }).expect(200);
      // Without the expiry the device's cursor is past the new worker's ids: the new row never comes.
      expect((await pullUntil([moved], device.cursor, 10)).seen.has(moved)).toBe(false);

      expect(await expireFeeds(kit.database.url, ['MTY_001'])).toEqual([{ clientId: 'MTY_001', rows: 3 }]);
      expect((await pull(device.cursor).expect(410)).body).toMatchObject({ code: 'cursor_expired' });
      const full = await pullUntil([...before, moved]);
      expect([...full.seen].sort()).toEqual([...before, moved].sort());
      const later = recordId('move');
      await kit.t.as('MTY').post('/items').send({ id: later, n: 3 }).expect(200);
      expect([...(await pullUntil([later], full.cursor)).seen]).toEqual([later]);
    } finally {
      await source.end();
      await target.end();
    }
  });
});

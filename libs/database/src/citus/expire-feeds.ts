import { SessionClient } from '../session-client';

export interface ExpiredFeed {
  clientId: string;
  /** Rows restamped, all synced tables together. */
  rows: number;
}

/**
 * `npm run db:expire-feeds` (docs/scaling.md "Shard moves and the change feed"): makes every change
 * feed cursor of `clients` expire, for when their rows moved to a server whose transaction ids
 * differ from the ones their cursors were written under: a Citus shard move (rebalancing), or a
 * restore onto another PostgreSQL server. The feed orders rows by `_xid` and compares it with the
 * snapshot of the server that holds them; after a move both mean nothing to old cursors, and rows
 * copied with the old server's larger `_xid` would stay hidden until the new one's ids pass them.
 *
 * Per client, in one transaction: every row of every synced table (a table with `_xid`) is stamped
 * with the current transaction (the worker's, by its trigger on Citus), and the client's feed
 * horizon rises to the highest transaction id any node has handed out, so that every cursor
 * written before answers 410 cursor_expired and the device pulls in full once. Idempotent; the
 * devices' cost is one full pull each.
 */
export async function expireFeeds(url: string, clients: string[] | 'all'): Promise<ExpiredFeed[]> {
  const client = new SessionClient({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = '_xid' AND NOT a.attisdropped
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    const ids =
      clients === 'all'
        ? await allClients(
            client,
            tables.map((t) => t.name),
          )
        : clients;
    const expired: ExpiredFeed[] = [];
    for (const clientId of ids) {
      await client.query('BEGIN');
      try {
        const highest = await highestXid(client);
        let rows = 0;
        for (const { name } of tables) {
          // name: from the catalog, a table with `_xid` (quoted)
          const result = await client.query(`UPDATE "${name}" SET _xid = pg_current_xact_id() WHERE _client_id = $1`, [
            clientId,
          ]);
          rows += result.rowCount ?? 0;
          await client.query(
            `INSERT INTO sync_feed_horizons AS f (client_id, table_name, purged_xid, purged_at)
             VALUES ($1, $2, $3::xid8, now())
             ON CONFLICT (client_id, table_name) DO UPDATE
               SET purged_xid = greatest(f.purged_xid, EXCLUDED.purged_xid), purged_at = EXCLUDED.purged_at`,
            [clientId, name, highest],
          );
        }
        await client.query('COMMIT');
        expired.push({ clientId, rows });
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return expired;
  } finally {
    await client.end();
  }
}

/**
 * Above every transaction id handed out so far on any node (so above every cursor ever written):
 * each node's next one, on Citus through run_command_on_all_nodes.
 */
async function highestXid(client: SessionClient): Promise<string> {
  const { rows: citus } = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  const { rows } = await client.query<{ xid: string }>(
    citus.length > 0
      ? `SELECT max(result::xid8)::text AS xid FROM run_command_on_all_nodes('SELECT pg_current_xact_id()') WHERE success`
      : `SELECT pg_current_xact_id()::text AS xid`,
  );
  return rows[0].xid;
}

async function allClients(client: SessionClient, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    tables.map((t) => `SELECT DISTINCT _client_id AS id FROM "${t}"`).join(' UNION ') + ' ORDER BY 1',
  );
  return rows.map((r) => r.id);
}

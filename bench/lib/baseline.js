// What PostgreSQL itself can do: node-pg doing the API's work directly. Also the product
// document's row-by-row style, and the direct seeding of stored rows.
const { query } = require('./postgres');
const { DATA } = require('./records');

const CLIENT = 'MTY_001';

/**
 * One transaction per batch: the rows (multi-row, duplicates skipped) and their operation rows,
 * each keeping the record's fields as its payload (json text) like the API does (AUDIT_PAYLOADS, on by default).
 */
async function ingestBatch(client, list) {
  const data = list.map(() => DATA);
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO venta (_client_id, _hash_id, _ver, data)
       SELECT $1, i, 1, d::jsonb FROM unnest($2::text[], $3::text[]) AS x(i, d) ON CONFLICT DO NOTHING`,
      [CLIENT, list, data],
    );
    await client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
       SELECT 'venta', i, $1, 1, 'CREATE', 'COMPLETED', d::json FROM unnest($2::text[], $3::text[]) AS x(i, d)`,
      [CLIENT, list, data],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The product document's style: per record INSERT, catch the duplicate, log it (with its payload); a round trip (and a commit) a statement. */
async function ingestRowByRow(client, id) {
  let note = null;
  try {
    await client.query(`INSERT INTO venta (_client_id, _hash_id, _ver, data) VALUES ($1, $2, 1, $3::jsonb)`, [
      CLIENT,
      id,
      DATA,
    ]);
  } catch (error) {
    if (error.code !== '23505') throw error;
    note = 'Duplicate bypassed';
  }
  await client.query(
    `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, note, payload) VALUES ('venta', $1, $2, 1, 'CREATE', 'COMPLETED', $3, $4::json)`,
    [id, CLIENT, note, DATA],
  );
}

/**
 * The statement the API answers POST /records with (libs/record-status/src/record-status.repository.ts):
 * operation and row read in one snapshot, tombstones told apart, and the record's newest applied
 * operation looked up only when a completed write finds no row (the lost-row rule).
 */
const STATUS_SQL = `
  SELECT o.status::text AS status, o.operation::text AS operation, o.error,
         (t._hash_id IS NOT NULL AND NOT t._deleted) AS row_exists,
         (t._hash_id IS NOT NULL AND NOT t._deleted AND (q.ver IS NULL OR t._ver = q.ver)) AS row_matches_ver,
         coalesce(t._deleted, false) AS tombstone, t._ver AS ver, CASE WHEN t._deleted THEN NULL ELSE t.data END AS data,
         l.operation::text AS last_applied
  FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS q(hash_id, queue_id, ver, ord)
  LEFT JOIN LATERAL (
    SELECT o.status, o.operation, o.error FROM sync_operations o
    WHERE o.client_id = $1 AND o.table_name = 'venta' AND o.record_id = q.hash_id AND (q.ver IS NULL OR o.batch_version = q.ver)
    ORDER BY coalesce(o.queue_id = q.queue_id, false) DESC, o.id DESC LIMIT 1) o ON true
  LEFT JOIN venta t ON t._client_id = $1 AND t._hash_id = q.hash_id
  LEFT JOIN LATERAL (
    SELECT a.operation FROM sync_operations a
    WHERE o.status = 'COMPLETED' AND o.operation <> 'DELETE' AND t._hash_id IS NULL
      AND a.client_id = $1 AND a.table_name = 'venta' AND a.record_id = q.hash_id
      AND a.status = 'COMPLETED' AND a.note IS DISTINCT FROM 'Stale version ignored'
    ORDER BY a.id DESC LIMIT 1) l ON true
  ORDER BY q.ord`;

async function status(client, list) {
  const none = list.map(() => null);
  const { rows } = await client.query(STATUS_SQL, [CLIENT, list, none, none]);
  // Every id asked exists: live, or deleted (a tombstone, with its DELETE operation).
  if (rows.length !== list.length || rows.some((r) => r.status !== 'COMPLETED' || !(r.row_exists || r.tombstone)))
    throw new Error(`status baseline: wrong answer for ${list.length} ids`);
}

/**
 * `count` stored records `<prefix>-1..count` with their operation rows, in two statements; with
 * `deletedShare`, that share of them (every id whose number ends in 0..share*10-1) deleted as the
 * API deletes: a tombstone at ver 2 and a COMPLETED DELETE operation.
 */
async function prefill(url, prefix, count, deletedShare = 0) {
  await query(
    url,
    `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT $1, $2 || '-' || g, 1, $3::jsonb FROM generate_series(1, $4::int) g`,
    [CLIENT, prefix, DATA, count],
  );
  await query(
    url,
    `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload)
     SELECT 'venta', $2 || '-' || g, $1, 1, 'CREATE', 'COMPLETED', $3::json FROM generate_series(1, $4::int) g`,
    [CLIENT, prefix, DATA, count],
  );
  if (deletedShare > 0) {
    const tenths = Math.round(deletedShare * 10);
    await query(
      url,
      `UPDATE venta SET _deleted = true, _deleted_at = now(), _ver = 2, data = '{}' WHERE _client_id = $1 AND _hash_id LIKE $2 || '-%' AND (split_part(_hash_id, '-', 2)::int % 10) < $3`,
      [CLIENT, prefix, tenths],
    );
    await query(
      url,
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status)
       SELECT 'venta', $2 || '-' || g, $1, 2, 'DELETE', 'COMPLETED' FROM generate_series(1, $3::int) g WHERE g % 10 < $4`,
      [CLIENT, prefix, count, tenths],
    );
  }
  await query(url, 'VACUUM ANALYZE');
}

/** Rows and operation rows of venta: what a scenario wrote is the difference. */
async function counts(url) {
  const { rows } = await query(
    url,
    'SELECT (SELECT count(*) FROM venta)::int AS rows, (SELECT count(*) FROM sync_operations)::int AS ops',
  );
  return rows[0];
}

/**
 * One page of the change feed, as libs/changes/src/changes.repository.ts runs it (the same SQL):
 * `limit` rows after the position (xid, hash id), below the snapshot's xmin, as JSON text.
 */
const PULL_SQL = `
    WITH h AS MATERIALIZED (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
             (SELECT f.purged_xid FROM sync_feed_horizons f WHERE f.client_id = $1 AND f.table_name = $2) AS purged),
    page AS MATERIALIZED (
      SELECT s.*, row_number() OVER (ORDER BY s._xid, s._hash_id) AS k FROM (
        SELECT t._hash_id, t._ver, t.data, t._deleted, t._updated_at, t._xid FROM "venta" t
        WHERE t._client_id = $1 AND (t._xid, t._hash_id) > ($3::xid8, $4::text) AND t._xid < (SELECT xmin FROM h)
          AND ($5::boolean OR NOT t._deleted)
        ORDER BY t._xid, t._hash_id
        LIMIT $6::int + 1) s)
    SELECT h.xmin::text AS horizon, h.purged::text AS purged,
           (SELECT count(*) FROM page)::int AS found,
           coalesce((SELECT json_agg(json_build_object(
               'id', p._hash_id, 'ver', p._ver, 'data', CASE WHEN p._deleted THEN NULL ELSE p.data END,
               'deleted', p._deleted,
               'updated_at', to_char(p._updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY p.k)
             FROM page p WHERE p.k <= $6)::text, '[]') AS changes,
           (SELECT p._xid::text FROM page p WHERE p.k = $6) AS last_xid,
           (SELECT p._hash_id FROM page p WHERE p.k = $6) AS last_id
    FROM h`;

async function pull(client, { xid, hashId }, size) {
  const { rows } = await client.query({
    name: 'bench_pull',
    text: PULL_SQL,
    values: [CLIENT, 'venta', xid, hashId, true, size],
  });
  if (rows[0].found !== size + 1) throw new Error(`pull baseline: ${rows[0].found} rows for a page of ${size}`);
}

module.exports = { CLIENT, ingestBatch, ingestRowByRow, status, prefill, counts, pull };

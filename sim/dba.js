// The "DBA" of the product document's edge case 1: deletes operation rows behind the clients'
// backs. Which rows is a function of the seed and the rows' own keys, not of timing. The deleted
// operations of counter records (table stock) are handed to `deletedCounterOps`, so the checks
// can tell which counter changes the server can no longer recognise as already applied.
const { query } = require('./infra');

const DELETED_COLUMNS = `count(*)::int AS n,
  coalesce(json_agg(json_build_object('client_id', client_id, 'record_id', record_id, 'queue_id', queue_id,
    'batch_version', batch_version, 'base_ver', base_ver, 'device_id', device_id, 'status', status, 'note', note))
    FILTER (WHERE table_name = 'stock'), '[]') AS counters`;

/**
 * Deletes about `share` of all operation rows; returns how many. `batch_version::text`, not the
 * implicit text || integer (a STABLE function): Citus refuses a STABLE function over a column in a
 * DELETE; the string, so the rows picked for a seed, are the same.
 */
async function deleteRandomOperations(databaseUrl, seed, share, deletedCounterOps = []) {
  const { rows } = await query(
    databaseUrl,
    `WITH d AS (DELETE FROM sync_operations WHERE abs(hashtext(client_id || ':' || record_id || ':' || batch_version::text || ':' || $1)) % 10000 < $2 RETURNING *)
     SELECT ${DELETED_COLUMNS} FROM d`,
    [String(seed), Math.round(share * 10000)],
  );
  deletedCounterOps.push(...rows[0].counters);
  return rows[0].n;
}

/** `DELETE FROM sync_operations WHERE client_id = '...'`, as in the document; returns how many. */
async function deleteClientOperations(databaseUrl, clientId, deletedCounterOps = []) {
  const { rows } = await query(
    databaseUrl,
    `WITH d AS (DELETE FROM sync_operations WHERE client_id = $1 RETURNING *) SELECT ${DELETED_COLUMNS} FROM d`,
    [clientId],
  );
  deletedCounterOps.push(...rows[0].counters);
  return rows[0].n;
}

module.exports = { deleteRandomOperations, deleteClientOperations };

// The "DBA" of the product document's edge case 1: deletes operation rows behind the clients'
// backs. Which rows is a function of the seed and the rows' own keys, not of timing.
const { query } = require('./infra');

/**
 * Deletes about `share` of all operation rows; returns how many. `batch_version::text`, not the
 * implicit text || integer (a STABLE function): Citus refuses a STABLE function over a column in a
 * DELETE; the string, so the rows picked for a seed, are the same.
 */
async function deleteRandomOperations(databaseUrl, seed, share) {
  const { rowCount } = await query(
    databaseUrl,
    `DELETE FROM sync_operations WHERE abs(hashtext(client_id || ':' || record_id || ':' || batch_version::text || ':' || $1)) % 10000 < $2`,
    [String(seed), Math.round(share * 10000)],
  );
  return rowCount;
}

/** `DELETE FROM sync_operations WHERE client_id = '...'`, as in the document; returns how many. */
async function deleteClientOperations(databaseUrl, clientId) {
  const { rowCount } = await query(databaseUrl, 'DELETE FROM sync_operations WHERE client_id = $1', [clientId]);
  return rowCount;
}

module.exports = { deleteRandomOperations, deleteClientOperations };

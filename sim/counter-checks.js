// The stock counters of one store: each counter change the devices made, what each device was
// told became of it, and how many times the server applied it (its operation log, plus the rows
// the DBA deleted, which sim/dba.js keeps). docs/development.md "Convergence simulation" explains
// the counts.
const { STOCK_START } = require('./shared-workload');

/** An operation that changed the record: applied on its base or merged (a recognised resend is "Duplicate bypassed"). */
const changedRecord = (op) => op.status === 'COMPLETED' && (op.note === null || op.note.startsWith('Merged:'));

/**
 * `counterChanges`: every device's [{ id, delta, queueId, outcome }]; `server`: the store's rows
 * ("stock\0id" -> state); `deletedCounterOps`: the DBA's deleted operations of stock records.
 * Returns `errors` (counters whose final value is not the start plus each change's delta once per
 * time the server applied it, and changes applied a number of times their device was not told and
 * no deletion explains) and `unrecognisedResends` (changes the server applied again, or refused as
 * a conflict after applying them, because the DBA had deleted the operation row by which it
 * recognises a resend). `history(id)` describes a record's operations for an example.
 */
async function checkCounters(db, { clientId, server, counterChanges, deletedCounterOps, history }) {
  const { rows } = await db.query(
    `SELECT queue_id, count(*)::int AS n FROM sync_operations
      WHERE client_id = $1 AND table_name = 'stock' AND status = 'COMPLETED' AND (note IS NULL OR note LIKE 'Merged:%')
        AND queue_id = ANY($2) GROUP BY queue_id`,
    [clientId, counterChanges.map((c) => c.queueId)],
  );
  const logged = new Map(rows.map((row) => [row.queue_id, row.n]));
  const deleted = new Map();
  for (const op of deletedCounterOps)
    if (op.client_id === clientId && changedRecord(op)) deleted.set(op.queue_id, (deleted.get(op.queue_id) ?? 0) + 1);

  let errors = 0;
  let unrecognisedResends = 0;
  const examples = [];
  const expected = new Map();
  for (const change of counterChanges) {
    const times = (logged.get(change.queueId) ?? 0) + (deleted.get(change.queueId) ?? 0);
    expected.set(change.id, (expected.get(change.id) ?? STOCK_START) + change.delta * times);
    const told = change.outcome === 'applied' || change.outcome === 'merged';
    const explained = deleted.has(change.queueId);
    let problem;
    if (told && times === 0) problem = `told ${change.outcome}, never applied`;
    else if (times > 1 && !explained) problem = `applied ${times} times`;
    else if (!told && change.outcome !== 'none' && times > 0 && !explained)
      problem = `told ${change.outcome}, applied ${times} times`;
    else if (times > 1 || (!told && times > 0)) unrecognisedResends++;
    if (problem) {
      errors++;
      if (examples.length < 3)
        examples.push(`stock/${change.id} change ${change.queueId} (${change.delta}): ${problem}`);
    }
  }
  for (const [key, row] of server) {
    if (!key.startsWith('stock\u0000')) continue;
    const id = key.slice('stock\u0000'.length);
    const want = expected.get(id) ?? STOCK_START;
    if (row.deleted || row.data?.qty !== want) {
      errors++;
      if (examples.length < 6)
        examples.push(`stock/${id}: qty ${row.data?.qty}, expected ${want}; ${await history(id)}`);
    }
  }
  for (const id of expected.keys()) if (!server.has(`stock\u0000${id}`)) errors++;
  return { errors, unrecognisedResends, examples };
}

module.exports = { checkCounters };

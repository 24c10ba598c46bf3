// What each simulated store app writes, step by step: a pure function of (seed, client, step), so
// every run with the same seed writes the same records, versions and data.
const { generator } = require('./random');

const TABLES = ['venta', 'devolucion'];
const UPDATE_SHARE = 0.15; // per step, the share of live records that get an update
const DELETE_SHARE = 0.04; // per step, the share of live records that get deleted

/**
 * The changes client `clientId` makes in step `step` of `steps`, given the records it already has
 * (`model`, updated in place; ids start with `prefix`, one per device of a store: id -> { table, ver, deleted, data, kinds }). Each local change of a
 * record increments its version (CREATE is 1), as the client does; `kinds` keeps one letter per
 * version (C, U, D) so the checks know every version the app ever produced.
 */
function stepChanges({ seed, clientId, step, steps, records, model, prefix = '' }) {
  const random = generator(seed, `workload:${clientId}:${prefix}:${step}`);
  const changes = [];
  const from = Math.floor((records * step) / steps);
  const to = Math.floor((records * (step + 1)) / steps);
  const live = [];
  for (const [id, record] of model) if (!record.deleted) live.push(id);
  for (let n = from; n < to; n++) {
    const id = `${prefix}r${String(n).padStart(6, '0')}`;
    const data = { total: random.int(1, 1_000_000) / 100, currency: 'MXN', line: n, note: `venta ñ ✓ ${step}` };
    const record = { table: random.next() < 0.8 ? TABLES[0] : TABLES[1], ver: 1, deleted: false, data, kinds: 'C' };
    model.set(id, record);
    changes.push({ op: 'create', table: record.table, id, data });
    live.push(id);
  }
  for (const id of live) {
    const record = model.get(id);
    if (random.next() < UPDATE_SHARE) {
      record.ver++;
      record.kinds += 'U';
      record.data = { ...record.data, total: random.int(1, 1_000_000) / 100, edits: (record.data.edits ?? 0) + 1 };
      changes.push({ op: 'update', table: record.table, id, data: record.data });
    }
    if (random.next() < DELETE_SHARE) {
      record.ver++;
      record.kinds += 'D';
      record.deleted = true;
      changes.push({ op: 'delete', table: record.table, id });
    }
  }
  return changes;
}

module.exports = { TABLES, stepChanges };

// A realistic ~10-field sale, and request bodies built from string templates so that the load
// generator spends as little CPU as possible (it shares two cores with the app and PostgreSQL).
const SALE = {
  total: 125.5,
  subtotal: 108.19,
  tax: 17.31,
  currency: 'MXN',
  store: 'MTY-centro',
  cashier: 7,
  paid: true,
  customer: 'Juan Pérez',
  sold_at: '2026-11-23T10:15:00.000Z',
  items: [
    { sku: 'A-100', qty: 2, price: 50 },
    { sku: 'B-7', qty: 1, price: 25.5 },
  ],
};
/** The sale's own fields as JSON: what the app stores in `data` and the baselines write. */
const DATA = JSON.stringify(SALE);
const FIELDS = DATA.slice(1); // `"total":...}` to append after "id" and "ver"

let sequence = 0;
/** Ids unique within the run (every scenario writes to fresh databases anyway). */
const ids = (prefix, n) => Array.from({ length: n }, () => `${prefix}-${++sequence}`);

const recordJson = (id) => `{"id":"${id}","ver":1,${FIELDS}`;
const itemBody = (id) => recordJson(id);
const batchBody = (list) =>
  `{"operations":[${list.map((id) => `{"operation":"CREATE","record":${recordJson(id)}}`).join(',')}]}`;
const statusBody = (list) =>
  list.length === 1 ? `{"hash_id":"${list[0]}"}` : `{"records":[${list.map((id) => `{"hash_id":"${id}"}`).join(',')}]}`;

/** Occurrences of `needle` in `text` (answers are checked without parsing them). */
function count(text, needle) {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

module.exports = { DATA, ids, itemBody, batchBody, statusBody, count };

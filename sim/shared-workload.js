// What the devices of one store write to record ids they share: stock levels (table `stock`,
// policy merge, counter `qty`) that every device decrements, and customer-like records (`venta`,
// policy reject) that several devices edit. Device 1 creates them in step 0; from step 1 on each
// device changes what its store holds locally (client.get), so its changes are based on the
// version it last saw and meet the other devices' changes at the server.
const { generator } = require('./random');

const STOCK_START = 100_000;
const SHARED_PREFIX = 'shared-';
const stockId = (n) => `${SHARED_PREFIX}stock-${String(n).padStart(4, '0')}`;
const customerId = (n) => `${SHARED_PREFIX}cust-${String(n).padStart(4, '0')}`;

/** How many shared records of each kind a store has, for M records per device. */
function sharedCount(records) {
  return Math.max(4, Math.min(50, Math.floor(records / 50)));
}

/**
 * Writes device `device`'s shared changes of `step` through `client`; `deltas` (the change's queue
 * seq -> [stock id, delta, id_cola]) collects this device's counter deltas change by change, for
 * the checks to match them with what the server did with each. Resolves with how many changes it
 * queued.
 */
async function writeShared({ client, seed, clientId, device, step, records, deltas }) {
  const count = sharedCount(records);
  let changes = 0;
  if (step === 0) {
    if (device !== 1) return 0;
    for (let n = 0; n < count; n++) {
      await client.create('stock', { id: stockId(n), name: `item ${n}`, qty: STOCK_START });
      await client.create('venta', { id: customerId(n), name: `customer ${n}`, visits: 0, note: 'new' });
      changes += 2;
    }
    return changes;
  }
  const random = generator(seed, `shared:${clientId}:${device}:${step}`);
  for (let n = 0; n < count; n++) {
    const stock = await client.get('stock', stockId(n));
    if (stock && random.next() < 0.5) {
      const delta = -random.int(1, 3);
      const entry = await client.update('stock', { id: stock.id, ...stock.data, qty: stock.data.qty + delta });
      deltas.set(entry.seq, [stock.id, delta, entry.queueId]);
      changes++;
    }
    const customer = await client.get('venta', customerId(n));
    if (customer && random.next() < 0.3) {
      const data = { ...customer.data, visits: (customer.data.visits ?? 0) + 1, note: `device ${device} step ${step}` };
      await client.update('venta', { id: customer.id, ...data });
      changes++;
    }
  }
  return changes;
}

module.exports = { STOCK_START, SHARED_PREFIX, sharedCount, stockId, customerId, writeShared };

import { randomBytes } from 'node:crypto';

let sequence = 0;

/** A unique record id (a client's _hash_id). */
export function recordId(prefix = 'rec'): string {
  sequence += 1;
  return `${prefix}-${sequence}-${randomBytes(3).toString('hex')}`;
}

/** A sale as a store would send it: `id`, optional `ver`/`id_cola`, and its own fields. */
export function saleRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: recordId('sale'),
    total: 125.5,
    currency: 'MXN',
    items: [
      { sku: 'A-100', qty: 2, price: 50 },
      { sku: 'B-7', qty: 1, price: 25.5 },
    ],
    customer: { name: 'Juan Pérez', rfc: null },
    paid: true,
    ...overrides,
  };
}

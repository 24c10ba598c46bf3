import { batchBody, singleBody } from './delivery-body';
import { syncMessage } from './sync-message';

const payload = { _hash_id: 'a"1', _ver: 2, total: 12.5, note: 'línea\n2', items: [{ sku: 'A', qty: 1 }] };
const parts = { entityType: 'SALE', entityId: 'MTY_001:a"1', clientId: 'MTY_001', action: 'UPDATE' as const };
const fields = {
  entity_type: 'SALE',
  entity_id: 'MTY_001:a"1',
  action: 'UPDATE',
  client_id: 'MTY_001',
  payload,
  operation_id: '42',
};

describe('delivery bodies', () => {
  it('write exactly what JSON.stringify writes, from an object payload or its stored JSON text', () => {
    const fromObject = syncMessage({ ...parts, payload, operationId: 42n, fallbackKey: 'x' });
    const fromText = syncMessage({ ...parts, payload: JSON.stringify(payload), operationId: 42n, fallbackKey: 'x' });
    for (const message of [fromObject, fromText]) {
      expect(singleBody(message)).toBe(JSON.stringify(fields));
      expect(batchBody([message, message])).toBe(
        JSON.stringify([1, 2].map(() => ({ ...fields, idempotency_key: '42' }))),
      );
    }
  });

  it('write a null operation id as null, and an empty batch as an empty array', () => {
    const message = syncMessage({ ...parts, payload, operationId: null, fallbackKey: 'sync-failure:7' });
    expect(JSON.parse(singleBody(message))).toEqual({ ...fields, operation_id: null });
    expect(JSON.parse(batchBody([message]))).toEqual([
      { ...fields, operation_id: null, idempotency_key: 'sync-failure:7' },
    ]);
    expect(batchBody([])).toBe('[]');
  });
});

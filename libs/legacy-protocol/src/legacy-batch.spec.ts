import { readLegacyBatch } from './legacy-batch';
import { LegacyProtocolError } from './legacy-errors';

const CLIENT = 'MTY_001';
const record = (id: string, fields: Record<string, unknown> = {}, fieldId = 'hash_id') => ({
  __meta: { [fieldId]: id },
  ...fields,
});
const params = (extra: Record<string, unknown> = {}) => ({
  operation: 'create',
  table_name: 'venta',
  client_id: CLIENT,
  field_id: 'hash_id',
  ver: '3',
  ...extra,
});

function refusal(run: () => unknown): { code: string; status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof LegacyProtocolError)
      return { code: error.code, status: error.statusCode, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(readLegacyBatch.name, () => {
  it('reads every record with its id from __meta[field_id], its other keys as data, and the batch version', () => {
    const batch = readLegacyBatch(CLIENT, params(), [record('a', { total: 1, id: 77, ver: 'x' }), record('b')], 1000);
    expect(batch.operation).toBe('CREATE');
    expect(batch.table.name).toBe('venta');
    expect(batch.ver).toBe(3);
    // a record's own `id` and `ver` are data here: the id lives in __meta
    expect(batch.changes).toEqual([
      { operation: 'CREATE', id: 'a', ver: 3, queueId: null, fields: { total: 1, id: 77, ver: 'x' } },
      { operation: 'CREATE', id: 'b', ver: 3, queueId: null, fields: {} },
    ]);
  });

  it('takes another field_id, a numeric ver, upper-case operations, and defaults field_id and ver', () => {
    const batch = readLegacyBatch(
      CLIENT,
      params({ field_id: 'recno_id', ver: 2, operation: 'UPDATE' }),
      [record('r-1', { total: 2 }, 'recno_id')],
      1000,
    );
    expect(batch.changes).toEqual([{ operation: 'UPDATE', id: 'r-1', ver: 2, queueId: null, fields: { total: 2 } }]);
    const defaults = readLegacyBatch(
      CLIENT,
      { operation: 'delete', table_name: 'devolucion' },
      [record('d', { ignored: true })],
      1000,
    );
    expect(defaults.changes).toEqual([{ operation: 'DELETE', id: 'd', ver: 1, queueId: null, fields: null }]);
    expect(defaults.fieldId).toBe('hash_id');
  });

  it.each([
    ['MISSING_OPERATION', 400, { operation: undefined }, [record('a')]],
    ['INVALID_OPERATION', 400, { operation: 'upsert' }, [record('a')]],
    ['MISSING_TABLE_NAME', 400, { table_name: undefined }, [record('a')]],
    ['UNKNOWN_TABLE', 404, { table_name: 'pg_authid' }, [record('a')]],
    ['INVALID_RECORDS', 400, {}, 'not an array'],
    ['EMPTY_RECORDS', 400, {}, []],
    ['INVALID_FIELD_ID', 400, { field_id: 'hash id; drop' }, [record('a')]],
    ['INVALID_VERSION', 400, { ver: '0' }, [record('a')]],
    ['INVALID_VERSION', 400, { ver: '1.5' }, [record('a')]],
    ['CLIENT_ID_MISMATCH', 403, { client_id: 'GDL_002' }, [record('a')]],
  ])('refuses with %s (%i)', (code, status, extra, records) => {
    expect(refusal(() => readLegacyBatch(CLIENT, params(extra), records, 1000))).toMatchObject({ code, status });
  });

  it('refuses too many records with TOO_MANY_RECORDS (413)', () => {
    expect(refusal(() => readLegacyBatch(CLIENT, params(), [record('a'), record('b')], 1))).toMatchObject({
      code: 'TOO_MANY_RECORDS',
      status: 413,
    });
  });

  it('checks the client before anything else', () => {
    expect(refusal(() => readLegacyBatch(CLIENT, { client_id: 'GDL_002' }, undefined, 1000)).code).toBe(
      'CLIENT_ID_MISMATCH',
    );
  });

  it('refuses the whole batch for one bad record, naming it', () => {
    const bad = refusal(() =>
      readLegacyBatch(
        CLIENT,
        params(),
        [
          record('ok'),
          { total: 1 },
          'text',
          { __meta: { hash_id: '' } },
          record('x', { _ver: 9 }),
          record('y', { s: 'a\u0000b' }),
        ],
        1000,
      ),
    );
    expect(bad.code).toBe('INVALID_RECORDS');
    expect(bad.message).toBe(
      "record 2: __meta must be an object holding the record's hash_id; record 3: must be a JSON object; record 4: __meta.hash_id must not be empty; " +
        'record 5: field _ver is reserved for the system; record 6: fields must not contain the NUL character (\\u0000)',
    );
  });

  it('keeps a field named __proto__ as data', () => {
    const batch = readLegacyBatch(
      CLIENT,
      params(),
      [JSON.parse('{"__meta":{"hash_id":"p"},"__proto__":{"x":1}}')],
      1000,
    );
    expect(JSON.stringify(batch.changes[0].fields)).toBe('{"__proto__":{"x":1}}');
  });
});

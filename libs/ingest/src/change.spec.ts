import { MAX_FIELD_DEPTH, readBatchEntry, readChange } from './change';

describe(readChange.name, () => {
  it('splits id, ver and id_cola from the record fields, which stay as sent', () => {
    const fields = { name: 'John', nested: { a: [1, null] }, ver2: 'x' };
    expect(readChange('CREATE', { id: 'abc', ver: 3, id_cola: 'job1', ...fields })).toEqual({
      change: { operation: 'CREATE', id: 'abc', ver: 3, queueId: 'job1', fields },
    });
  });

  it('defaults ver to 1 and id_cola to null', () => {
    expect(readChange('UPDATE', { id: 'a' })).toEqual({
      change: { operation: 'UPDATE', id: 'a', ver: 1, queueId: null, fields: {} },
    });
  });

  it('takes the id from the path and refuses a different one in the body', () => {
    expect(readChange('UPDATE', { total: 1 }, 'p1')).toMatchObject({ change: { id: 'p1', fields: { total: 1 } } });
    expect(readChange('UPDATE', { id: 'p1', total: 1 }, 'p1')).toMatchObject({ change: { id: 'p1' } });
    expect(readChange('UPDATE', { id: 'other' }, 'p1')).toEqual({
      problems: ['id in the body does not match the id in the path'],
      id: 'other',
      operation: 'UPDATE',
    });
  });

  it('keeps no fields for a DELETE and accepts no body at all', () => {
    expect(readChange('DELETE', undefined, 'd1')).toEqual({
      change: { operation: 'DELETE', id: 'd1', ver: 1, queueId: null, fields: null },
    });
    expect(readChange('DELETE', { id: 'd1', ver: 4, junk: true })).toMatchObject({ change: { ver: 4, fields: null } });
  });

  it('collects every problem at once, keeping the id when it is usable', () => {
    expect(readChange('CREATE', { id: 'a', ver: 1.5, id_cola: '', _ver: 2 })).toEqual({
      problems: [
        'ver must be an integer from 1 to 2147483647',
        'id_cola must not be empty',
        'field _ver is reserved for the system',
      ],
      id: 'a',
      operation: 'CREATE',
    });
    expect(readChange('CREATE', { id: 7 })).toEqual({
      problems: ['id must be a string'],
      id: undefined,
      operation: 'CREATE',
    });
  });

  it.each([null, 'text', 5, [{ id: 'a' }]])('refuses a body that is not an object: %p', (body) => {
    expect(readChange('CREATE', body)).toMatchObject({ problems: ['the record must be a JSON object'] });
  });
});

describe(readBatchEntry.name, () => {
  it('reads { operation, record }', () => {
    expect(readBatchEntry({ operation: 'DELETE', record: { id: 'x', ver: 2 } })).toEqual({
      change: { operation: 'DELETE', id: 'x', ver: 2, queueId: null, fields: null },
    });
  });

  it('names an unknown operation and keeps the id for the answer', () => {
    expect(readBatchEntry({ operation: 'UPSERT', record: { id: 'x' } })).toEqual({
      problems: ['operation must be one of CREATE, UPDATE, DELETE'],
      id: 'x',
    });
  });

  it('refuses record fields placed beside "record"', () => {
    expect(readBatchEntry({ operation: 'CREATE', record: { id: 'x' }, total: 5 })).toEqual({
      problems: ['unknown entry keys: total (record fields go inside "record")'],
      id: 'x',
      operation: 'CREATE',
    });
  });

  it.each([null, 'CREATE', []])('refuses an entry that is not an object: %p', (entry) => {
    expect(readBatchEntry(entry)).toEqual({ problems: ['each entry must be an object { operation, record }'] });
  });
});

describe('field names that are JavaScript specials', () => {
  it('keeps __proto__ and constructor as ordinary data fields', () => {
    const body = JSON.parse('{"id":"p","__proto__":{"polluted":true},"constructor":"c"}');
    const received = readChange('CREATE', body);
    expect('change' in received && JSON.stringify(received.change.fields)).toBe(
      '{"__proto__":{"polluted":true},"constructor":"c"}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('deeply nested fields', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };

  it(`accepts fields nested ${MAX_FIELD_DEPTH} levels deep`, () => {
    expect(readChange('CREATE', { id: 'd', data: nested(MAX_FIELD_DEPTH - 1) })).toHaveProperty('change');
  });

  it('refuses deeper fields with a clear message, without overflowing the stack at any depth', () => {
    for (const depth of [MAX_FIELD_DEPTH, 100_000]) {
      expect(readChange('CREATE', { id: 'd', data: nested(depth) })).toEqual({
        problems: [`fields must not be nested more than ${MAX_FIELD_DEPTH} levels deep`],
        id: 'd',
        operation: 'CREATE',
      });
    }
  });

  it('finds a NUL deep inside, in a key or a value', () => {
    expect(readChange('CREATE', { id: 'd', data: [{ a: [{ ['k\u0000']: 1 }] }] })).toMatchObject({
      problems: [expect.stringMatching(/NUL/)],
    });
    expect(readChange('CREATE', { id: 'd', data: [{ a: [{ k: 'v\u0000' }] }] })).toMatchObject({
      problems: [expect.stringMatching(/NUL/)],
    });
  });

  it('finds a lone UTF-16 surrogate deep inside, in a key or a value, and lets a pair through', () => {
    const lone = /^fields must not contain a lone UTF-16 surrogate/;
    expect(readChange('CREATE', { id: 'd', data: [{ a: [{ ['k\ud800']: 1 }] }] })).toMatchObject({
      problems: [expect.stringMatching(lone)],
    });
    expect(readChange('CREATE', { id: 'd', data: [{ a: [{ k: 'v\udc00' }] }] })).toMatchObject({
      problems: [expect.stringMatching(lone)],
    });
    expect(readChange('CREATE', { id: 'd', emoji: '\ud83d\ude00', [`\ud83d\ude00`]: 'ok' })).toMatchObject({
      change: { fields: { emoji: '😀', '😀': 'ok' } },
    });
  });
});

import { mergeFields } from './merge';

describe(mergeFields.name, () => {
  it('applies the fields the device changed over the current row when the server changed others', () => {
    const base = { name: 'Ana', phone: '1', city: 'MTY' };
    const sent = { name: 'Ana', phone: '2', city: 'MTY' }; // the device changed phone
    const current = { name: 'Ana M.', phone: '1', city: 'MTY' }; // another changed name
    expect(mergeFields(base, sent, current)).toEqual({
      merged: { name: 'Ana M.', phone: '2', city: 'MTY' },
      how: 'fields phone from the device',
    });
  });

  it('is a conflict when both changed the same field to different values, not when to the same one', () => {
    expect(mergeFields({ a: 1 }, { a: 2 }, { a: 3 })).toEqual({ overlap: ['a'] });
    expect(mergeFields({ a: 1 }, { a: 2 }, { a: 2 })).toMatchObject({ merged: { a: 2 } });
  });

  it('adds and removes fields, and compares nested values deeply', () => {
    expect(mergeFields({ a: 1, tags: ['x'] }, { tags: ['x'], b: 2 }, { a: 1, tags: ['x'], c: 3 })).toEqual({
      merged: { tags: ['x'], b: 2, c: 3 },
      how: 'fields a, b from the device',
    });
  });

  it('merges counter fields by delta: 10 -> 9 on one till and 10 -> 8 on another leave 7', () => {
    expect(mergeFields({ qty: 10 }, { qty: 8 }, { qty: 9 }, ['qty'])).toEqual({
      merged: { qty: 7 },
      how: 'counters qty 9 + (8 - 10)',
    });
  });

  it('treats a counter that is not a number on every side as a plain field', () => {
    expect(mergeFields({ qty: 10 }, { qty: '8' }, { qty: 9 }, ['qty'])).toEqual({ overlap: ['qty'] });
  });
});

import { CURSOR_PATTERN, decodeCursor, encodeCursor } from './change-cursor';

describe('The change feed cursor', () => {
  it('round-trips any position, record ids with dots and quotes included, with its purge horizon', () => {
    for (const position of [
      { xid: '1', hashId: '', purged: '0' },
      { xid: '9223372036854775807', hashId: 'a.b"c\\d é', purged: '9223372036854775806' },
    ])
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is opaque, versioned text safe in a query string, matching its documented pattern', () => {
    const cursor = encodeCursor({ xid: '742', hashId: 'abc/+=', purged: '700' });
    expect(cursor).toMatch(/^v2\.742\.700\.[A-Za-z0-9_-]+$/);
    expect(cursor).toMatch(new RegExp(CURSOR_PATTERN));
  });

  it('still reads a v1 cursor (written before the purge horizon travelled in it) as read under no purge', () => {
    const v1 = `v1.742.${Buffer.from('abc').toString('base64url')}`;
    expect(v1).toMatch(new RegExp(CURSOR_PATTERN));
    expect(decodeCursor(v1)).toEqual({ xid: '742', hashId: 'abc', purged: '0' });
  });

  it('reads any text of the pattern as a position, never one holding NUL', () => {
    expect(decodeCursor('v1.0000000000000000001.')).toEqual({ xid: '1', hashId: '', purged: '0' });
    expect(decodeCursor(`v2.5.3.${Buffer.from('ab\0cd').toString('base64url')}`)).toEqual({
      xid: '5',
      hashId: 'ab',
      purged: '3',
    });
  });

  it.each([
    ['abc'],
    ['v2.1.YQ'],
    ['v3.1.1.YQ'],
    ['v1..YQ'],
    ['v1.-1.YQ'],
    ['v1.12345678901234567890.YQ'],
    ['v1.1.a+b'],
  ])('refuses %p', (cursor) => expect(decodeCursor(cursor)).toBeUndefined());
});

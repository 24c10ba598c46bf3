import { CURSOR_PATTERN, decodeCursor, encodeCursor } from './change-cursor';

describe('The change feed cursor', () => {
  it('round-trips any position, record ids with dots and quotes included', () => {
    for (const position of [
      { xid: '1', hashId: '' },
      { xid: '9223372036854775807', hashId: 'a.b"c\\d é' },
    ])
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is opaque, versioned text safe in a query string, matching its documented pattern', () => {
    const cursor = encodeCursor({ xid: '742', hashId: 'abc/+=' });
    expect(cursor).toMatch(/^v1\.742\.[A-Za-z0-9_-]+$/);
    expect(cursor).toMatch(new RegExp(CURSOR_PATTERN));
  });

  it('reads any text of the pattern as a position, never one holding NUL', () => {
    expect(decodeCursor('v1.0000000000000000001.')).toEqual({ xid: '1', hashId: '' });
    expect(decodeCursor(`v1.5.${Buffer.from('ab\0cd').toString('base64url')}`)).toEqual({ xid: '5', hashId: 'ab' });
  });

  it.each([['abc'], ['v2.1.YQ'], ['v1..YQ'], ['v1.-1.YQ'], ['v1.12345678901234567890.YQ'], ['v1.1.a+b']])(
    'refuses %p',
    (cursor) => expect(decodeCursor(cursor)).toBeUndefined(),
  );
});

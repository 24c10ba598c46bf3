import { findLossyNumber, keepsValue } from './json-numbers';

describe(findLossyNumber.name, () => {
  it.each([
    ['1e400', false],
    ['-1e400', false],
    ['1e-400', false],
    ['12345678901234567890123', false],
    ['9007199254740993', false],
    ['0.30000000000000001', false],
    ['9007199254740992', true],
    ['10.50', true],
    ['1E2', true],
    ['0.1', true],
    ['-0', true],
    ['0e5', true],
    ['1.7976931348623157e308', true],
    ['5e-324', true],
    ['123.456e-5', true],
    ['-1.5', true],
  ])('%s is kept exactly: %s', (text, kept) => {
    expect(keepsValue(text)).toBe(kept);
  });

  it('names the field holding the first number a double would change, whatever the nesting', () => {
    expect(findLossyNumber('{"id":"a1e5","big":1e400}')).toEqual({ field: 'big', text: '1e400' });
    expect(findLossyNumber('{"a":{"b":[1,2,12345678901234567890123]}}')).toEqual({
      field: 'b',
      text: '12345678901234567890123',
    });
    expect(findLossyNumber('{"a":[{"x":1}, 1e-400]}')).toEqual({ field: 'a', text: '1e-400' });
    expect(findLossyNumber('[1e-400]')).toEqual({ field: undefined, text: '1e-400' });
  });

  it('ignores digits inside strings, keys and escapes', () => {
    expect(findLossyNumber('{"x":"12345678901234567890","1e400":1.25e3,"q":"\\"1e999"}')).toBeUndefined();
    expect(findLossyNumber('{"total":125.5,"ver":2}')).toBeUndefined();
  });
});

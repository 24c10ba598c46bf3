import { checkValue, RECORD_ID_SCHEMA, VERSION_SCHEMA } from './request-rules';

describe(checkValue.name, () => {
  it.each([
    [undefined, 'id is required'],
    [5, 'id must be a string'],
    ['', 'id must not be empty'],
    ['x'.repeat(256), 'id must be at most 255 characters'],
    ['a\u0000b', 'id must not contain control characters or a lone UTF-16 surrogate'],
    ['tab\there', 'id must not contain control characters or a lone UTF-16 surrogate'],
    ['del\u007f', 'id must not contain control characters or a lone UTF-16 surrogate'],
    ['next-line\u0085', 'id must not contain control characters or a lone UTF-16 surrogate'],
    ['\u0080c1', 'id must not contain control characters or a lone UTF-16 surrogate'],
    ['apc\u009f', 'id must not contain control characters or a lone UTF-16 surrogate'],
  ])('refuses the record id %p: %s', (value, message) => {
    expect(checkValue(RECORD_ID_SCHEMA, value, 'id')).toBe(message);
  });

  it('counts characters, not UTF-16 units, as the document (JSON Schema) does', () => {
    expect(checkValue(RECORD_ID_SCHEMA, '𝄞'.repeat(255), 'id')).toBeUndefined();
    expect(checkValue(RECORD_ID_SCHEMA, '𝄞'.repeat(256), 'id')).toBe('id must be at most 255 characters');
  });

  it.each([0, -1, 1.5, 2 ** 31, '2', Infinity, NaN])('refuses the version %p', (value) => {
    expect(checkValue(VERSION_SCHEMA, value, 'ver')).toBe('ver must be an integer from 1 to 2147483647');
  });

  it('accepts the bounds', () => {
    expect(checkValue(VERSION_SCHEMA, 1, 'ver')).toBeUndefined();
    expect(checkValue(VERSION_SCHEMA, 2 ** 31 - 1, 'ver')).toBeUndefined();
  });
});

import { LegacyProtocolError } from './legacy-errors';
import { readNdjson } from './ndjson';

describe(readNdjson.name, () => {
  it('reads one object per line, with \\r\\n or \\n, skipping blank lines', () => {
    expect(readNdjson('{"a":1}\r\n\n  \n{"b":"x\\ny"}\n', 10)).toEqual([{ a: 1 }, { b: 'x\ny' }]);
    expect(readNdjson('', 10)).toEqual([]);
  });

  it('names the line that is not JSON, or not an object', () => {
    const at = (text: string) => {
      try {
        readNdjson(text, 10);
      } catch (error) {
        return [(error as LegacyProtocolError).code, (error as LegacyProtocolError).message];
      }
    };
    expect(at('{"a":1}\n\n{"a":\n')).toEqual(['INVALID_NDJSON', 'Invalid JSON at line 3']);
    expect(at('{"a":1}\n[1,2]')).toEqual(['INVALID_NDJSON', 'Line 2 must be a JSON object']);
    expect(at('{"a":1}\n{"a":2}\n{"a":3}')).toBeUndefined();
  });

  it('refuses more lines than allowed', () => {
    expect(() => readNdjson('{}\n{}\n{}', 2)).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_RECORDS', statusCode: 413 }),
    );
  });
});

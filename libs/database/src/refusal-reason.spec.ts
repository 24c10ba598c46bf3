import { refusalReason } from './refusal-reason';

const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe(refusalReason.name, () => {
  it("names a table's rule but never repeats PostgreSQL's text", () => {
    const check = pgError('23514', 'new row for relation "venta" violates check constraint "refuses_poison"', {
      constraint: 'refuses_poison',
    });
    expect(refusalReason(check)).toBe('the record breaks the table\'s rule "refuses_poison"');
    expect(refusalReason(check)).not.toMatch(/violates|relation/);
  });

  it('finds the rule in the message when the driver gives no constraint field', () => {
    const wrapped = new Error('outer', {
      cause: pgError('23505', 'duplicate key value violates unique constraint "venta_pkey"'),
    });
    expect(refusalReason(wrapped)).toBe('the record would duplicate another one (unique rule "venta_pkey")');
  });

  it.each([
    ['22P02', 'invalid input syntax for type json'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
  ])('says a value could not be stored for %s, without the database words', (code, message) => {
    const reason = refusalReason(pgError(code, message));
    expect(reason).toBe('a value is not in a form the database can store (text, number or JSON)');
    expect(reason).not.toContain(message);
  });

  it('has a word for limits, missing values and anything else', () => {
    expect(refusalReason(pgError('54000', 'total size of jsonb array elements exceeds the maximum'))).toMatch(
      /too large/,
    );
    expect(refusalReason(pgError('23502', 'null value in column "data" violates not-null constraint'))).toMatch(
      /missing/,
    );
    expect(refusalReason(new Error('something else'))).toBe('the database refused the record');
  });
});

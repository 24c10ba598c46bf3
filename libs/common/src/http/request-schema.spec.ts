import { BadRequestException } from '@nestjs/common';
import { NO_CONTROL_CHARACTERS_PATTERN } from './request-rules';
import { checkObject, ObjectSchema, ParamRulePipe, SchemaPipe } from './request-schema';

const SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 10 },
    name: { type: 'string', minLength: 1, maxLength: 5, pattern: NO_CONTROL_CHARACTERS_PATTERN },
    critical: { type: 'boolean' },
    table: { type: 'string', enum: ['venta', 'devolucion'] },
  },
  required: ['table'],
  additionalProperties: false,
};

describe(checkObject.name, () => {
  it('reads a query string: integers and booleans from their text', () => {
    expect(checkObject(SCHEMA, { page: '10', critical: 'false', table: 'venta', name: 'ab' }, 'query')).toEqual({
      value: { page: 10, critical: false, table: 'venta', name: 'ab' },
    });
  });

  it('does not read text in a body: a number must be a number', () => {
    expect(checkObject(SCHEMA, { page: '2', table: 'venta' }, 'body')).toEqual({
      problems: ['page must be an integer from 1 to 10'],
    });
  });

  it.each([
    [{ table: 'venta', page: '1e1' }, 'page must be an integer from 1 to 10'],
    [{ table: 'venta', page: '1.5' }, 'page must be an integer from 1 to 10'],
    [{ table: 'venta', page: '11' }, 'page must be an integer from 1 to 10'],
    [{ table: 'venta', page: '99999999999999999999' }, 'page must be an integer from 1 to 10'],
    [{ table: 'venta', page: ['1', '2'] }, 'page must be an integer from 1 to 10'],
    [{ table: 'venta', critical: 'yes' }, 'critical must be true or false'],
    [{ table: 'users' }, 'table must be one of venta, devolucion'],
    [{}, 'table is required'],
    [{ table: 'venta', name: 'a\u0000b' }, 'name must not contain control characters or a lone UTF-16 surrogate'],
    [{ table: 'venta', name: '' }, 'name must not be empty'],
    [{ table: 'venta', name: 'abcdef' }, 'name must be at most 5 characters'],
    [{ table: 'venta', extra: '1' }, 'property extra should not exist'],
  ])('refuses the query %p: %s', (query, problem) => {
    expect(checkObject(SCHEMA, query, 'query')).toEqual({ problems: [problem] });
  });

  it('lists every problem at once', () => {
    const checked = checkObject(SCHEMA, { page: '0', x: 1 }, 'query');
    expect(checked).toEqual({
      problems: ['property x should not exist', 'page must be an integer from 1 to 10', 'table is required'],
    });
  });

  it('takes an absent body as an empty one and refuses a body that is not an object', () => {
    const optional = { ...SCHEMA, required: [] };
    expect(checkObject(optional, undefined, 'body')).toEqual({ value: {} });
    expect(checkObject(optional, [1], 'body')).toEqual({ problems: ['The body must be a JSON object'] });
    expect(checkObject(optional, 'text', 'body')).toEqual({ problems: ['The body must be a JSON object'] });
  });

  it('does not take a key from the prototype as given', () => {
    const query = Object.assign(Object.create(null), { ['__proto__']: 'x', table: 'venta' });
    expect(checkObject(SCHEMA, query, 'query')).toEqual({ problems: ['property __proto__ should not exist'] });
  });
});

describe('pipes', () => {
  it('SchemaPipe answers 400 with every problem', () => {
    const pipe = new SchemaPipe(SCHEMA, 'query');
    expect(pipe.transform({ table: 'venta', page: '3' })).toEqual({ table: 'venta', page: 3 });
    expect(() => pipe.transform({ page: '0' })).toThrow(BadRequestException);
  });

  it('ParamRulePipe answers 400 for a value breaking its rule', () => {
    const pipe = new ParamRulePipe({ type: 'string', maxLength: 3 }, 'id');
    expect(pipe.transform('abc')).toBe('abc');
    expect(() => pipe.transform('abcd')).toThrow('id must be at most 3 characters');
  });
});

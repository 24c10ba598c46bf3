import { applyDecorators, BadRequestException, PipeTransform } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { checkValue, Rule } from './request-rules';

/**
 * The schema of a query string or a small body: named properties of simple types (string,
 * integer, boolean, enum), nothing else allowed. The same object is shown in the OpenAPI document
 * (ApiQueryFrom, ApiBody({ schema })) and checked by SchemaPipe, so the two cannot disagree.
 */
export interface ObjectSchema extends SchemaObject {
  type: 'object';
  properties: Record<string, SchemaObject & Rule>;
  required?: string[];
  additionalProperties: false;
}

/** Where the values come from: a query string carries text, so numbers and booleans are read from it. */
export type Source = 'query' | 'body';

const INTEGER_TEXT = /^[+-]?\d+$/;

/** A query string's text read as the type its rule asks for; anything else is left for the check to refuse. */
function fromText(rule: Rule, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (rule.type === 'integer' || rule.type === 'number') {
    if (rule.type === 'integer' ? INTEGER_TEXT.test(value) : value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
    return value;
  }
  if (rule.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/**
 * Checks `input` against `schema`: unknown properties, missing required ones and every rule of
 * each property, all problems at once. Returns the values read (numbers and booleans of a query
 * string as such), or the problems.
 */
export function checkObject(
  schema: ObjectSchema,
  input: unknown,
  source: Source,
): { value: Record<string, unknown> } | { problems: string[] } {
  // An absent body (or query string) is an empty one (all properties are optional where that is
  // allowed); a JSON body that is `null` is a body, and not an object.
  if (input === null && source === 'body') return { problems: ['The body must be a JSON object'] };
  const object = input === undefined || input === null ? {} : input;
  if (typeof object !== 'object' || Array.isArray(object)) return { problems: ['The body must be a JSON object'] };
  const given = object as Record<string, unknown>;
  const problems: string[] = [];
  const value: Record<string, unknown> = {};
  for (const key of Object.keys(given))
    if (!Object.hasOwn(schema.properties, key)) problems.push(`property ${key} should not exist`);
  const required = new Set(schema.required ?? []);
  for (const [name, rule] of Object.entries(schema.properties)) {
    const raw = Object.hasOwn(given, name) ? given[name] : undefined;
    if (raw === undefined && !required.has(name)) continue;
    const read = source === 'query' ? fromText(rule, raw) : raw;
    const problem = checkValue(rule, read, name);
    if (problem) problems.push(problem);
    else value[name] = read;
  }
  return problems.length > 0 ? { problems } : { value };
}

/** Validates a whole query string or body against its schema (400 with every problem). */
export class SchemaPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ObjectSchema,
    private readonly source: Source,
  ) {}

  transform(input: unknown): T {
    const checked = checkObject(this.schema, input, this.source);
    if ('problems' in checked) throw new BadRequestException(checked.problems);
    return checked.value as T;
  }
}

/** Validates one path parameter against its rule (400). */
export class ParamRulePipe implements PipeTransform<string, string> {
  constructor(
    private readonly rule: Rule,
    private readonly name: string,
  ) {}

  transform(value: string): string {
    const problem = checkValue(this.rule, value, this.name);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

/** Documents each property of a query schema as a query parameter, with its rules. */
export const ApiQueryFrom = (schema: ObjectSchema) =>
  applyDecorators(
    ...Object.entries(schema.properties).map(([name, property]) => {
      const { description, ...rules } = property;
      return ApiQuery({ name, required: schema.required?.includes(name) ?? false, description, schema: rules });
    }),
  );

/** Documents a path parameter with the rule ParamRulePipe enforces. */
export const ApiParamFrom = (name: string, rule: SchemaObject) => {
  const { description, ...rules } = rule;
  return ApiParam({ name, description, schema: rules });
};

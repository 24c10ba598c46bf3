import fc from 'fast-check';

/** The parts of an OpenAPI 3.0 schema object this generator understands. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

// Arrays are generated short: the rules are the same for 3 entries as for 1,000.
const MAX_GENERATED_ITEMS = 4;
// Free-form record fields: names that are never `id`, `ver`, `id_cola` or reserved.
const FREE_FIELD_NAMES = ['name', 'total', 'items', 'note', 'qty', 'tags', 'paid'];
const NO_NUL = (value: unknown) => !JSON.stringify(value).includes('\\u0000');

/** Printable text (no control characters), including non-ASCII and astral characters. */
const printable = (minLength: number, maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'abcXYZ09 _-:.\'"\\/%?#&=+'.split('')),
      fc.constantFrom('é', 'ñ', '☕', '𝄞', '中'),
    ),
    minLength,
    maxLength,
  });

/**
 * Values valid against `schema`, resolving $refs in `document`. Free-form objects
 * (additionalProperties: true) get a few extra fields of any JSON without U+0000.
 */
export function valid(
  schema: Schema,
  document: { components?: { schemas?: Record<string, Schema> } },
): fc.Arbitrary<unknown> {
  const resolve = (s: Schema): Schema =>
    s.$ref ? resolve(document.components!.schemas![s.$ref.split('/').pop()!]) : s;
  const build = (raw: Schema): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    const value = buildType(s);
    return s.nullable ? fc.oneof(value, fc.constant(null)) : value;
  };
  const buildType = (s: Schema): fc.Arbitrary<unknown> => {
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.oneOf) return fc.oneof(...s.oneOf.map(build));
    if (s.anyOf) return fc.oneof(...s.anyOf.map(build));
    if (s.allOf) return build(Object.assign({}, ...s.allOf.map(resolve)));
    switch (s.type) {
      case 'string': {
        const min = s.minLength ?? 0;
        const max = Math.min(s.maxLength ?? 40, 40);
        if (s.pattern && !s.pattern.startsWith('^[^\\u0000'))
          return fc
            .stringMatching(new RegExp(s.pattern))
            .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
        // The longest allowed value too, where a limit is stated: off-by-one errors live there.
        return s.maxLength ? fc.oneof(printable(min, max), printable(s.maxLength, s.maxLength)) : printable(min, max);
      }
      case 'integer':
        return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(build(s.items ?? {}), {
          minLength: s.minItems ?? 0,
          maxLength: Math.min(s.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
        });
      case 'object':
      case undefined: {
        if (!s.properties && s.type === undefined) return fc.jsonValue({ maxDepth: 2 }).filter(NO_NUL);
        const required = new Set(s.required ?? []);
        const known = Object.fromEntries(
          Object.entries(s.properties ?? {}).map(([name, property]) => [name, build(property)]),
        );
        const record = fc.record(known, { requiredKeys: [...required].filter((k) => k in known) });
        if (s.additionalProperties !== true) return record;
        const extra = fc.dictionary(
          fc.constantFrom(...FREE_FIELD_NAMES),
          fc.jsonValue({ maxDepth: 3 }).filter(NO_NUL),
          { maxKeys: 3 },
        );
        return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
      }
      default:
        return fc.constant(null);
    }
  };
  return build(schema);
}

/** Anything a hostile client might put where a value is expected. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      '',
      'a\u0000b',
      '\u0007bell',
      'x'.repeat(300),
      '99999999999999999999',
      '-1',
      '0',
      '1e400',
      '1.5',
      'true',
      '%00',
      // Lone UTF-16 surrogates (PostgreSQL text would store U+FFFD) and C1 controls.
      'c\ud800',
      '\udc01',
      'x\udfff',
      'y\udc00\ud800',
      'c1\u0085',
      '\u009f',
      '<script>',
      "'; DROP TABLE venta; --",
    ),
    fc.integer(),
    fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1.5, -0.5),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/**
 * Text for a path or query slot: hostile strings, sometimes with reserved URL characters. A URL
 * carries UTF-8, which cannot hold a lone surrogate: those become U+FFFD here, as a client's
 * encoder would make them.
 */
export function hostileText(): fc.Arbitrary<string> {
  return fc
    .oneof(
      hostileValue().map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null'))),
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    )
    .map((text) => text.toWellFormed());
}

import { isDeepStrictEqual } from 'node:util';

type Fields = Record<string, unknown>;

export type MergeResult = { merged: Fields; how: string } | { overlap: string[] };

const own = (object: Fields, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const same = (a: Fields, b: Fields, key: string) =>
  own(a, key) === own(b, key) && (!own(a, key) || isDeepStrictEqual(a[key], b[key]));

/**
 * A three-way merge by top-level field of a device's change (`sent`, made on `base`) over the
 * current row (`current`): the fields the device changed are applied over the current row, unless
 * the server changed them too since the base (to another value): those overlap, and the change is
 * a conflict. Counter fields whose three values are numbers merge by delta instead, so two tills
 * that sold one and two units from 10 leave 7.
 */
export function mergeFields(
  base: Fields,
  sent: Fields,
  current: Fields,
  counters: readonly string[] = [],
): MergeResult {
  const merged: Fields = { ...current };
  const changed: string[] = [];
  const counted: string[] = [];
  const overlap: string[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(sent)]);
  for (const key of [...keys].sort()) {
    if (same(base, sent, key)) continue; // the device did not change it: the server's value stays
    const [b, s, c] = [base[key], sent[key], current[key]];
    if (counters.includes(key) && typeof b === 'number' && typeof s === 'number' && typeof c === 'number') {
      merged[key] = c + (s - b);
      counted.push(`${key} ${c} + (${s} - ${b})`);
      continue;
    }
    if (!same(base, current, key) && !same(sent, current, key)) {
      overlap.push(key);
      continue;
    }
    if (own(sent, key)) merged[key] = s;
    else delete merged[key];
    changed.push(key);
  }
  if (overlap.length > 0) return { overlap };
  const how = [
    changed.length > 0 ? `fields ${changed.join(', ')} from the device` : '',
    counted.length > 0 ? `counters ${counted.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return { merged, how: how || 'no field changed' };
}

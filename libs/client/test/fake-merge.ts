import type { FakeRow, FakeTable } from './fake-server';

/**
 * The fake server's three-way merge by top-level field for `merge` and `counter` tables: the
 * device's change against the version it was made on (`was`), applied over the current row when
 * the fields they changed are disjoint (counter fields add their deltas). Null: a conflict.
 */
export function mergeChange(
  settings: FakeTable | undefined,
  row: FakeRow | undefined,
  was: Record<string, unknown> | null | undefined,
  data: Record<string, unknown>,
): { ver: number; data: Record<string, unknown> } | null {
  if (!settings?.policy || settings.policy === 'reject') return null;
  if (!row || row.deleted || !row.data || !was) return null;
  const current = row.data;
  const counters = new Set(settings.policy === 'counter' ? (settings.counters ?? []) : []);
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const fields = new Set([...Object.keys(was), ...Object.keys(data)]);
  const mine = [...fields].filter((f) => differs(data[f], was[f]));
  const theirs = new Set([...fields, ...Object.keys(current)].filter((f) => differs(current[f], was[f])));
  if (mine.some((f) => theirs.has(f) && !counters.has(f))) return null;
  const next: Record<string, unknown> = { ...current };
  for (const f of mine) {
    if (counters.has(f)) next[f] = (current[f] as number) + ((data[f] as number) - (was[f] as number));
    else if (f in data) next[f] = data[f];
    else delete next[f];
  }
  return { ver: row.ver + 1, data: next };
}

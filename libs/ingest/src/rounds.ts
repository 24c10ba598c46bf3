/**
 * Splits items so that no record (`key`) appears twice in one round, keeping each record's order:
 * round n holds every record's n-th item. The ingest statement takes a record at most once
 * (assertDistinctRecords), so a record changed several times in one request or one claim is
 * applied round after round.
 */
export function distinctRounds<T>(items: T[], key: (item: T) => string): T[][] {
  const seen = new Map<string, number>();
  const rounds: T[][] = [];
  for (const item of items) {
    const n = seen.get(key(item)) ?? 0;
    seen.set(key(item), n + 1);
    (rounds[n] ??= []).push(item);
  }
  return rounds;
}

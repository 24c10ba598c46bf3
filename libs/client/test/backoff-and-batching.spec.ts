import { backoffDelay, parseRetryAfter } from '../src/engine/backoff';
import { chunksOf, planLanes } from '../src/engine/batching';
import type { QueueEntry } from '../src/types';

const entry = (seq: number, id: string, table = 't'): QueueEntry => ({
  seq,
  table,
  id,
  ver: seq,
  op: 'UPDATE',
  data: {},
  queueId: `q-${seq}`,
  baseVer: seq - 1,
  state: 'pending',
  attempts: 0,
  errorCount: 0,
  lastError: null,
  checks: 0,
  notBefore: 0,
  createdAt: 0,
});

describe(backoffDelay.name, () => {
  it('grows exponentially, stays between half and all of its step, and is capped', () => {
    const options = { baseMs: 100, maxMs: 1000, factor: 2 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 1))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(30, options, () => 1)).toBe(1000);
    expect(backoffDelay(30, options, () => 0)).toBe(500);
  });
});

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe(planLanes.name, () => {
  it('keeps every change of a record in one lane, in order, in chunks of one table and at most the batch size', () => {
    const entries = Array.from({ length: 60 }, (_, i) => entry(i + 1, `r${i % 13}`, i % 2 === 0 ? 'a' : 'b'));
    const lanes = planLanes(entries, 4, 5);
    expect(lanes.length).toBeLessThanOrEqual(4);
    const laneOf = new Map<string, number>();
    lanes.forEach((lane, l) =>
      lane.forEach((chunk) => {
        expect(chunk.entries.length).toBeLessThanOrEqual(5);
        for (const e of chunk.entries) {
          expect(e.table).toBe(chunk.table);
          const key = `${e.table}/${e.id}`;
          expect(laneOf.get(key) ?? l).toBe(l);
          laneOf.set(key, l);
        }
      }),
    );
    for (const lane of lanes) {
      const seen = lane.flatMap((c) => c.entries);
      for (const key of new Set(seen.map((e) => `${e.table}/${e.id}`))) {
        const seqs = seen.filter((e) => `${e.table}/${e.id}` === key).map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      }
    }
    expect(lanes.flat().flatMap((c) => c.entries)).toHaveLength(60);
  });

  it('chunksOf groups by table in queue order', () => {
    const chunks = chunksOf([entry(1, 'x', 'a'), entry(2, 'y', 'b'), entry(3, 'z', 'a')], 10);
    expect(chunks.map((c) => [c.table, c.entries.map((e) => e.seq)])).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});

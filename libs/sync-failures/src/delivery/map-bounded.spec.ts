import { mapBounded } from './map-bounded';

describe(mapBounded.name, () => {
  const tick = () => new Promise((done) => setImmediate(done));

  it('keeps results in input order with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < n; i++) await tick();
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('starts nothing new once stopped, leaving those results undefined', async () => {
    let stopped = false;
    const started: number[] = [];
    const results = await mapBounded(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        started.push(n);
        if (n === 2) stopped = true;
        await tick();
        return n;
      },
      () => stopped,
    );
    expect(started).toEqual([1, 2]);
    expect(results).toEqual([1, 2, undefined, undefined, undefined]);
  });

  it('handles an empty list', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});

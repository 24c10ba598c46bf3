import { FailureBrake } from './failure-brake';

describe(FailureBrake.name, () => {
  it('brakes an address at the limit until its window ends, and no other address', () => {
    const brake = new FailureBrake(3, 60_000);
    for (let i = 0; i < 2; i++) brake.record('a', 1000 + i);
    expect(brake.retryAfter('a', 2000)).toBeUndefined();
    brake.record('a', 2000);
    expect(brake.retryAfter('a', 2000)).toBe(59);
    expect(brake.retryAfter('b', 2000)).toBeUndefined();
    expect(brake.retryAfter('a', 61_000)).toBeUndefined();
    brake.record('a', 61_000); // a new window counts from one
    expect(brake.retryAfter('a', 61_000)).toBeUndefined();
  });

  it('does nothing with a limit of 0, and keeps at most maxAddresses', () => {
    const off = new FailureBrake(0, 60_000);
    for (let i = 0; i < 10; i++) off.record('a', i);
    expect(off.retryAfter('a', 10)).toBeUndefined();

    const small = new FailureBrake(1, 60_000, 2);
    small.record('a', 0);
    small.record('b', 0);
    small.record('c', 0);
    expect(small.retryAfter('a', 1)).toBeUndefined(); // the oldest went
    expect(small.retryAfter('c', 1)).toBe(60);
  });
});

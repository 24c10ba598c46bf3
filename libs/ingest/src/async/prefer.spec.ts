import { prefersAsync } from './prefer';

describe(prefersAsync.name, () => {
  it('finds respond-async among preferences, with parameters, in any case, in repeated headers', () => {
    expect(prefersAsync('respond-async')).toBe(true);
    expect(prefersAsync('wait=10, Respond-Async')).toBe(true);
    expect(prefersAsync('respond-async; foo=bar')).toBe(true);
    expect(prefersAsync(['return=minimal', 'respond-async'])).toBe(true);
  });

  it('is false without the header or for other preferences', () => {
    expect(prefersAsync(undefined)).toBe(false);
    expect(prefersAsync('')).toBe(false);
    expect(prefersAsync('return=representation, wait=5')).toBe(false);
    expect(prefersAsync('respond-asyncx')).toBe(false);
  });
});

import { StoredKey } from './client-key';
import { KeyCache } from './key-cache';

const key = { id: 'k1', clientId: 'MTY_001' } as StoredKey;

describe(KeyCache.name, () => {
  it('keeps an entry for its TTL, unknown keys too', () => {
    const cache = new KeyCache(5000);
    cache.set('h1', key, 0, cache.generation);
    cache.set('h2', null, 0, cache.generation);
    expect(cache.get('h1', 4999)?.key).toBe(key);
    expect(cache.get('h2', 4999)).toEqual({ key: null, until: 5000 });
    expect(cache.get('h1', 5000)).toBeUndefined();
  });

  it('does not store what a lookup read before the cache was cleared (a change it may have missed)', () => {
    const cache = new KeyCache(5000);
    const started = cache.generation;
    cache.clear();
    cache.set('h1', key, 0, started);
    expect(cache.get('h1', 1)).toBeUndefined();
  });

  it('stores nothing with a TTL of 0 and drops the oldest past maxEntries', () => {
    const none = new KeyCache(0);
    none.set('h1', key, 0, none.generation);
    expect(none.get('h1', 0)).toBeUndefined();

    const small = new KeyCache(5000, 2);
    for (const hash of ['a', 'b', 'c']) small.set(hash, key, 0, small.generation);
    expect(small.get('a', 1)).toBeUndefined();
    expect(small.get('c', 1)?.key).toBe(key);
  });
});

import { StoredKey } from './client-key';

interface Entry {
  /** null: no such key (remembered too, so a wrong key does not reach the database every time). */
  key: StoredKey | null;
  until: number;
}

/**
 * What this instance read of database keys, by the SHA-256 of the key, for a short time (the TTL
 * bounds how late a revocation is seen when a notification was missed). Bounded: past `maxEntries`
 * the oldest entries go first.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by clear(): a lookup that started before a change must not store what it read. */
  generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  get(hash: string, nowMs: number): Entry | undefined {
    const entry = this.entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.until > nowMs) return entry;
    this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, key: StoredKey | null, nowMs: number, generation: number): void {
    if (generation !== this.generation || this.ttlMs === 0) return;
    this.entries.delete(hash);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { key, until: nowMs + this.ttlMs });
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

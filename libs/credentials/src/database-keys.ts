import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, directDatabaseUrl } from '@app/common';
import { ChannelListener } from '@app/database';
import { hashKey, KEY_PREFIX, StoredKey } from './client-key';
import { ClientKeysRepository, KEYS_CHANNEL } from './client-keys.repository';
import { KeyCache } from './key-cache';
import { LastUsed } from './last-used';

/**
 * Database keys as a request sees them: from the in-memory cache (by the key's SHA-256, for
 * CLIENT_KEY_CACHE_TTL) or one indexed lookup. A change anywhere (issue, rotate, revoke) is
 * announced with NOTIFY and empties every instance's cache; if this instance's LISTEN connection
 * is down, the TTL still bounds how long it trusts what it read.
 */
@Injectable()
export class DatabaseKeys implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseKeys.name);
  private readonly cache: KeyCache;
  private readonly inFlight = new Map<string, Promise<StoredKey | null>>();
  private readonly lastUsed: LastUsed;
  private readonly listener: ChannelListener;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly keys: ClientKeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cache = new KeyCache(config.clientKeyCacheTtlMs);
    this.lastUsed = new LastUsed((ids, times) => this.keys.touch(ids, times));
    // LISTEN needs a session of its own: the direct connection (DATABASE_DIRECT_URL), not a pooled one.
    this.listener = new ChannelListener(
      { connectionString: directDatabaseUrl(config) },
      KEYS_CHANNEL,
      () => this.cache.clear(),
      (error) => this.logger.warn(`Listening for key changes failed (the cache TTL still applies): ${error.message}`),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.flushTimer = setInterval(() => void this.flush(), this.config.clientKeyLastUsedFlushMs);
    this.flushTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.listener.stop();
    await this.flush();
  }

  /** Whether a secret is shaped like an issued key at all: nothing else is ever looked up. */
  isKeyShaped(secret: string): boolean {
    return secret.startsWith(KEY_PREFIX) && secret.length <= 128;
  }

  /** What this instance already knows of a key without asking the database: a key, null (none), or undefined. */
  cached(secret: string): StoredKey | null | undefined {
    return this.cache.get(hashKey(secret).toString('base64'), Date.now())?.key;
  }

  /** The stored key for a secret (null when there is none): from the cache, or one lookup shared by concurrent requests. */
  lookup(secret: string): StoredKey | null | Promise<StoredKey | null> {
    const hash = hashKey(secret);
    const name = hash.toString('base64');
    const hit = this.cache.get(name, Date.now());
    if (hit !== undefined) return hit.key;
    const pending = this.inFlight.get(name);
    if (pending) return pending;
    const generation = this.cache.generation;
    const read = this.keys
      .findByHash(hash)
      .then((key) => {
        this.cache.set(name, key ?? null, Date.now(), generation);
        return key ?? null;
      })
      .finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, read);
    return read;
  }

  /** Recorded in memory; written with the next flush. */
  used(key: StoredKey, at: Date): void {
    this.lastUsed.saw(key.id, at);
  }

  /** Forget everything read (what a notification does). */
  forget(): void {
    this.cache.clear();
  }

  /** Writes the last uses gathered since the previous flush (one statement). */
  async flush(): Promise<void> {
    await this.lastUsed
      .flush()
      .catch((error: Error) => this.logger.warn(`Recording keys' last use failed: ${error.message}`));
  }

  /** For tests: stop listening, as a lost connection would. */
  async stopListening(): Promise<void> {
    await this.listener.stop();
  }
}

import { createHash, randomBytes } from 'node:crypto';

/** Every issued key starts with this, so a leaked one is recognised (secret scanners, logs). */
export const KEY_PREFIX = 'rsk_';

/** A key as stored: never the key itself, only its SHA-256. */
export interface StoredKey {
  id: string;
  clientId: string;
  deviceId: string | null;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  replacedBy: string | null;
}

/** A new key: shown once to whoever issued it; `hash` is what the database keeps. */
export interface NewKey {
  id: string;
  key: string;
  hash: Buffer;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `rsk_<id>_<secret>`: the id (12 characters, also the row's id) lets an operator find a key's
 * row from the key itself; the secret is 32 random bytes (256 bits), so a plain SHA-256 is enough
 * to store it (nothing to brute-force, and fast to check on every request).
 */
export function newKey(): NewKey {
  const id = Array.from(randomBytes(12), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const key = `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashKey(key) };
}

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether a key was usable at `now`, and if not, why. */
export function keyState(key: Pick<StoredKey, 'expiresAt' | 'revokedAt'>, now: Date): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt !== null && key.revokedAt <= now) return 'revoked';
  if (key.expiresAt !== null && key.expiresAt <= now) return 'expired';
  return 'active';
}

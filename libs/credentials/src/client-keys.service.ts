import { Clock } from '@app/common';
import { keyState, newKey, StoredKey } from './client-key';
import { ClientKeysRepository } from './client-keys.repository';

/** A key just issued: the only time the key itself is ever seen. */
export interface IssuedKey {
  key: string;
  stored: StoredKey;
}

export type RotateOutcome = { rotated: { old: StoredKey; next: IssuedKey } } | { refused: 'not_found' | 'inactive' };

/**
 * The life of a database key: issue, list, rotate, revoke. Used by the admin API and by
 * `npm run keys`; every change is announced so each instance drops its cached keys at once.
 */
export class ClientKeysService {
  constructor(
    private readonly keys: ClientKeysRepository,
    private readonly clock: Clock,
    /** How long a rotated key keeps working when the rotation does not say (CLIENT_KEY_ROTATE_GRACE). */
    readonly defaultGraceMs: number,
  ) {}

  async issue(request: {
    clientId: string;
    deviceId?: string;
    label?: string;
    expiresInMs?: number;
  }): Promise<IssuedKey> {
    const now = this.clock.now();
    const made = newKey();
    const stored = await this.keys.insert(
      { ...made, ...request, expiresAt: this.after(now, request.expiresInMs) },
      now,
    );
    await this.keys.announceChange(stored.id);
    return { key: made.key, stored };
  }

  find(id: string): Promise<StoredKey | undefined> {
    return this.keys.find(id);
  }

  list(
    filter: { clientId?: string; deviceId?: string; includeInactive?: boolean },
    page = 1,
    limit = 100,
  ): Promise<{ items: StoredKey[]; total: number }> {
    return this.keys.list(
      { ...filter, includeInactive: filter.includeInactive ?? false },
      this.clock.now(),
      page,
      limit,
    );
  }

  /** A new key for the same store and device; the old one keeps working for `graceMs` (default: CLIENT_KEY_ROTATE_GRACE). */
  async rotate(id: string, options: { graceMs?: number; expiresInMs?: number } = {}): Promise<RotateOutcome> {
    const now = this.clock.now();
    const made = newKey();
    const graceUntil = new Date(now.getTime() + (options.graceMs ?? this.defaultGraceMs));
    const rotated = await this.keys.rotate(
      id,
      { ...made, expiresAt: this.after(now, options.expiresInMs) },
      now,
      graceUntil,
    );
    if (rotated === undefined) return { refused: (await this.keys.find(id)) ? 'inactive' : 'not_found' };
    await this.keys.announceChange(id);
    return { rotated: { old: rotated.old, next: { key: made.key, stored: rotated.next } } };
  }

  /** Revoked at once on this instance, within moments on the others (docs/credentials.md). */
  async revoke(id: string): Promise<StoredKey | undefined> {
    const revoked = await this.keys.revoke(id, this.clock.now());
    if (revoked) await this.keys.announceChange(id);
    return revoked;
  }

  state(key: StoredKey): 'active' | 'revoked' | 'expired' {
    return keyState(key, this.clock.now());
  }

  private after(now: Date, ms: number | undefined): Date | undefined {
    return ms === undefined ? undefined : new Date(now.getTime() + ms);
  }
}

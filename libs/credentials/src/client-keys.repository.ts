import { StoredKey } from './client-key';

/** What the repository runs its SQL on: the app's pool (PrismaService.pool) or the CLI's own. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** Told on every change, so each instance drops what it cached (KeyCache). */
export const KEYS_CHANNEL = 'resync_client_keys';

const COLUMNS = `id, client_id AS "clientId", device_id AS "deviceId", label, created_at AS "createdAt",
  last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy"`;

/**
 * The client_keys table. Reads and writes name the store (client id) except the two that cannot:
 * the lookup by hash (the hash is what a request brings; it decides the store) and those by key
 * id, which an operator gives.
 */
export class ClientKeysRepository {
  constructor(private readonly db: SqlRunner) {}

  async insert(
    key: { id: string; hash: Buffer; clientId: string; deviceId?: string; label?: string; expiresAt?: Date },
    now: Date,
  ): Promise<StoredKey> {
    const { rows } = await this.db.query<StoredKey>(
      `INSERT INTO client_keys (id, client_id, device_id, label, key_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [key.id, key.clientId, key.deviceId ?? null, key.label ?? null, key.hash, now, key.expiresAt ?? null],
    );
    return rows[0];
  }

  async findByHash(hash: Buffer): Promise<StoredKey | undefined> {
    const { rows } = await this.db.query<StoredKey>(`SELECT ${COLUMNS} FROM client_keys WHERE key_hash = $1`, [hash]);
    return rows[0];
  }

  async find(id: string): Promise<StoredKey | undefined> {
    const { rows } = await this.db.query<StoredKey>(`SELECT ${COLUMNS} FROM client_keys WHERE id = $1`, [id]);
    return rows[0];
  }

  /** A store's keys (or every store's), newest first; revoked and expired ones only when asked. */
  async list(
    filter: { clientId?: string; deviceId?: string; includeInactive: boolean },
    now: Date,
    page: number,
    limit: number,
  ): Promise<{ items: StoredKey[]; total: number }> {
    const where = `($1::text IS NULL OR client_id = $1) AND ($2::text IS NULL OR device_id = $2)
      AND ($3 OR ((revoked_at IS NULL OR revoked_at > $4) AND (expires_at IS NULL OR expires_at > $4)))`;
    const values = [filter.clientId ?? null, filter.deviceId ?? null, filter.includeInactive, now];
    const [items, count] = await Promise.all([
      this.db.query<StoredKey>(
        `SELECT ${COLUMNS} FROM client_keys WHERE ${where} ORDER BY created_at DESC, id LIMIT $5 OFFSET $6`,
        [...values, limit, (page - 1) * limit],
      ),
      this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM client_keys WHERE ${where}`, values),
    ]);
    return { items: items.rows, total: count.rows[0].total };
  }

  /** Revokes a key now (kept as it was if it already is); undefined when there is no such key. */
  async revoke(id: string, now: Date): Promise<StoredKey | undefined> {
    const { rows } = await this.db.query<StoredKey>(
      `UPDATE client_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, now],
    );
    return rows[0];
  }

  /**
   * Rotation in one statement: a new key for the same store, device and label, and the old one
   * working until `graceUntil` (or sooner, if it was to expire sooner). Only a key usable at `now`
   * rotates; undefined otherwise.
   */
  async rotate(
    id: string,
    next: { id: string; hash: Buffer; expiresAt?: Date },
    now: Date,
    graceUntil: Date,
  ): Promise<{ old: StoredKey; next: StoredKey } | undefined> {
    const { rows } = await this.db.query<{ old: StoredKey; next: StoredKey }>(
      `WITH old AS (
         UPDATE client_keys SET replaced_by = $2, expires_at = LEAST(COALESCE(expires_at, $5), $5)
         WHERE id = $1 AND (revoked_at IS NULL OR revoked_at > $4) AND (expires_at IS NULL OR expires_at > $4)
         RETURNING ${COLUMNS}),
       next AS (
         INSERT INTO client_keys (id, client_id, device_id, label, key_hash, created_at, expires_at)
         SELECT $2, "clientId", "deviceId", label, $3, $4, $6 FROM old RETURNING ${COLUMNS})
       SELECT row_to_json(old) AS old, row_to_json(next) AS next FROM old, next`,
      [id, next.id, next.hash, now, graceUntil, next.expiresAt ?? null],
    );
    return rows[0] && { old: fromJson(rows[0].old), next: fromJson(rows[0].next) };
  }

  /** Last use of many keys in one statement (LastUsedRecorder); never moves a time backwards. */
  async touch(ids: string[], times: Date[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE client_keys k SET last_used_at = GREATEST(k.last_used_at, u.at)
       FROM unnest($1::text[], $2::timestamptz[]) AS u(id, at) WHERE k.id = u.id`,
      [ids, times],
    );
  }

  /** Every instance drops its cached keys (delivered when the caller's statement commits). */
  async announceChange(id: string): Promise<void> {
    await this.db.query(`SELECT pg_notify('${KEYS_CHANNEL}', $1)`, [id]);
  }
}

/** row_to_json gives times as text. */
function fromJson(row: StoredKey): StoredKey {
  const at = (value: unknown) => (value === null ? null : new Date(value as string));
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    lastUsedAt: at(row.lastUsedAt),
    expiresAt: at(row.expiresAt),
    revokedAt: at(row.revokedAt),
  };
}

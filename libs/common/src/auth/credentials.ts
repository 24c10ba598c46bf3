import { createHash, timingSafeEqual } from 'node:crypto';
import { ClientKey } from '../config/app-config';

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * Resolves bearer secrets. Secrets are compared as SHA-256 digests with timingSafeEqual against
 * every known key (no early exit), so neither the match nor its position leaks through timing.
 */
export class Credentials {
  private readonly clients: { clientId: string; digest: Buffer }[];
  private readonly admin: Buffer;

  constructor(clientKeys: ClientKey[], adminToken: string) {
    this.clients = clientKeys.map((k) => ({ clientId: k.clientId, digest: digest(k.key) }));
    this.admin = digest(adminToken);
  }

  clientFor(secret: string): string | undefined {
    const presented = digest(secret);
    let found: string | undefined;
    for (const client of this.clients) {
      if (timingSafeEqual(presented, client.digest) && found === undefined) found = client.clientId;
    }
    return found;
  }

  isAdmin(secret: string): boolean {
    return timingSafeEqual(digest(secret), this.admin);
  }
}

/** The secret of an `Authorization: Bearer <secret>` header, if well formed. */
export function bearerSecret(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

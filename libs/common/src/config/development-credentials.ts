import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Made-up credentials for a local start without API_KEYS / ADMIN_TOKEN. */
export interface DevelopmentCredentials {
  clientId: string;
  clientKey: string;
  adminToken: string;
}

/** New random development credentials (what loadAppConfig uses unless told otherwise). */
export function randomDevelopmentCredentials(): DevelopmentCredentials {
  return {
    clientId: 'DEV_001',
    clientKey: `dev_${randomBytes(18).toString('base64url')}`,
    adminToken: `admin_${randomBytes(18).toString('base64url')}`,
  };
}

/**
 * Development credentials kept in `file` (the data directory): made up on the first start and
 * reused afterwards, so a newcomer's curl commands keep working across restarts. A missing or
 * damaged file is replaced. Readable by the owner only.
 */
export function persistedDevelopmentCredentials(file: string): DevelopmentCredentials {
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevelopmentCredentials>;
      if (isValid(saved)) return { clientId: saved.clientId, clientKey: saved.clientKey, adminToken: saved.adminToken };
    } catch {
      // Damaged: replaced below.
    }
  }
  const made = randomDevelopmentCredentials();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600 });
  return made;
}

function isValid(saved: Partial<DevelopmentCredentials>): saved is DevelopmentCredentials {
  return (
    typeof saved.clientId === 'string' &&
    /^[A-Za-z0-9_.-]{1,64}$/.test(saved.clientId) &&
    typeof saved.clientKey === 'string' &&
    saved.clientKey.length >= 8 &&
    typeof saved.adminToken === 'string' &&
    saved.adminToken.length >= 16
  );
}

import { EnvReader } from './env-reader';

/** Tokens from an identity provider (off unless AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL is set). */
export interface JwtConfig {
  /** HS256 shared secret (AUTH_JWT_SECRET). */
  secret?: string;
  /** Where the provider publishes its public keys, RS256/ES256 (AUTH_JWT_JWKS_URL). */
  jwksUrl?: string;
  /** The `aud` a token must carry (AUTH_JWT_AUDIENCE): required when tokens are on. */
  audience: string;
  /** The `iss` a token must carry, when set (AUTH_JWT_ISSUER). */
  issuer?: string;
  /** The claim naming the store (client id), AUTH_JWT_CLIENT_CLAIM. */
  clientClaim: string;
  /** The claim naming the device, if any (AUTH_JWT_DEVICE_CLAIM). */
  deviceClaim: string;
}

/** Database-managed client keys, tokens and the brake on failed authentications (docs/credentials.md). */
export interface CredentialsConfig {
  /** How long an instance trusts what it read of a key (CLIENT_KEY_CACHE_TTL): the bound on a missed revocation. */
  clientKeyCacheTtlMs: number;
  /** How often keys' last use is written, one statement per instance (CLIENT_KEY_LAST_USED_FLUSH). */
  clientKeyLastUsedFlushMs: number;
  /** How long a rotated key keeps working unless the rotation says otherwise (CLIENT_KEY_ROTATE_GRACE). */
  clientKeyRotateGraceMs: number;
  /** Failed authentications one address may make per window before it is refused with 429 (0: no limit). */
  authFailureLimit: number;
  authFailureWindowMs: number;
  jwt?: JwtConfig;
}

const CLAIM = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

export function readCredentialsConfig(read: EnvReader): CredentialsConfig {
  return {
    clientKeyCacheTtlMs: read.duration('CLIENT_KEY_CACHE_TTL', '5s', 0),
    clientKeyLastUsedFlushMs: read.duration('CLIENT_KEY_LAST_USED_FLUSH', '30s', 100),
    clientKeyRotateGraceMs: read.duration('CLIENT_KEY_ROTATE_GRACE', '24h', 0),
    authFailureLimit: read.int('AUTH_FAILURE_LIMIT', 30, 0, 1_000_000),
    authFailureWindowMs: read.duration('AUTH_FAILURE_WINDOW', '1m', 1000),
    jwt: readJwtConfig(read),
  };
}

function readJwtConfig(read: EnvReader): JwtConfig | undefined {
  const secret = read.raw('AUTH_JWT_SECRET');
  const jwksUrl = read.url('AUTH_JWT_JWKS_URL', ['http:', 'https:']);
  if (secret === undefined && read.raw('AUTH_JWT_JWKS_URL') === undefined) return undefined;
  if (secret !== undefined && read.raw('AUTH_JWT_JWKS_URL') !== undefined)
    read.fail('AUTH_JWT_SECRET', 'and AUTH_JWT_JWKS_URL cannot both be set: choose one', undefined);
  if (secret !== undefined && secret.length < 32)
    read.fail('AUTH_JWT_SECRET', 'must be at least 32 characters (HS256 wants 256 bits)', undefined);
  const audience = read.raw('AUTH_JWT_AUDIENCE');
  if (audience === undefined) read.fail('AUTH_JWT_AUDIENCE', 'is required when tokens are accepted', undefined);
  const clientClaim = read.string('AUTH_JWT_CLIENT_CLAIM', 'client_id');
  const deviceClaim = read.string('AUTH_JWT_DEVICE_CLAIM', 'device_id');
  for (const [name, value] of [
    ['AUTH_JWT_CLIENT_CLAIM', clientClaim],
    ['AUTH_JWT_DEVICE_CLAIM', deviceClaim],
  ])
    if (!CLAIM.test(value)) read.fail(name, 'must be a claim name (letters, digits, _ . : -)', undefined);
  return { secret, jwksUrl, audience: audience ?? '', issuer: read.raw('AUTH_JWT_ISSUER'), clientClaim, deviceClaim };
}

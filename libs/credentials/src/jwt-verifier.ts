import { ServiceUnavailableException } from '@nestjs/common';
import { AuthFailure, ClientIdentity, JwtConfig } from '@app/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';

const CLIENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** The device ids keys take (DEVICE_ID_PATTERN), so a token's device is one a key could name. */
const DEVICE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Three base64url parts: what a compact JWS looks like (issued keys start with rsk_, never this). */
export function looksLikeJwt(secret: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(secret);
}

/**
 * Tokens from the user's identity provider: signature (HS256 with AUTH_JWT_SECRET, or RS256/ES256
 * against AUTH_JWT_JWKS_URL, whose keys jose caches and refetches on an unknown `kid`), expiry,
 * audience and issuer checked; the store and device read from the configured claims.
 */
export class JwtVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];

  constructor(private readonly config: JwtConfig) {
    if (config.secret !== undefined) {
      this.key = new TextEncoder().encode(config.secret);
      this.algorithms = ['HS256'];
    } else {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl!));
      this.algorithms = ['RS256', 'ES256'];
    }
  }

  async verify(token: string, now: Date): Promise<ClientIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        audience: this.config.audience,
        issuer: this.config.issuer,
        currentDate: now,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new AuthFailure('token_expired', 'The token expired: get a new one and retry');
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))
        throw new ServiceUnavailableException("The identity provider's keys could not be fetched; retry shortly");
      throw new AuthFailure('token_invalid', 'Invalid token');
    }
    const clientId = payload[this.config.clientClaim];
    const deviceId = payload[this.config.deviceClaim];
    if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))
      throw new AuthFailure('token_invalid', `Invalid token: no usable ${this.config.clientClaim} claim`);
    if (deviceId !== undefined && (typeof deviceId !== 'string' || !DEVICE_ID.test(deviceId)))
      throw new AuthFailure('token_invalid', `Invalid token: unusable ${this.config.deviceClaim} claim`);
    return deviceId === undefined ? { clientId } : { clientId, deviceId };
  }
}

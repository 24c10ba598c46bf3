import { ForbiddenException, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who a client credential names: a store (client id) and, for a device's key or token, the device. */
export interface ClientIdentity {
  clientId: string;
  deviceId?: string;
}

/** A request after ClientKeyGuard: the store and, when the credential names one, the device. */
export type AuthenticatedRequest = FastifyRequest & { clientId?: string; deviceId?: string };

/**
 * Resolves a bearer secret (an API_KEYS key, a database key, a token) to its identity, or throws
 * the answer that says why not (AuthFailure, TooManyAuthFailures). Provided by libs/credentials;
 * without it ClientKeyGuard knows API_KEYS only.
 */
export interface ClientAuthenticator {
  authenticate(
    secret: string | undefined,
    request: FastifyRequest,
    reply: AuthReply,
  ): ClientIdentity | Promise<ClientIdentity>;
}

/** Where an authenticator sets the headers of its refusals (Retry-After, WWW-Authenticate). */
export interface AuthReply {
  header(name: string, value: string): unknown;
}
export const CLIENT_AUTHENTICATOR = Symbol('CLIENT_AUTHENTICATOR');

/** Why a credential was refused: the metric's label and, except for the first two, the answer's `code`. */
export type AuthFailureReason =
  | 'missing'
  | 'unknown_key'
  | 'key_revoked'
  | 'key_expired'
  | 'token_expired'
  | 'token_invalid'
  | 'device_mismatch'
  | 'too_many_failures';

/** A 401. The two answers clients have always had (missing, unknown key) keep their exact body. */
export class AuthFailure extends UnauthorizedException {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super(
      reason === 'missing' || reason === 'unknown_key'
        ? message
        : { statusCode: 401, error: 'Unauthorized', message, code: reason },
    );
  }

  static missing(): AuthFailure {
    return new AuthFailure('missing', 'Missing "Authorization: Bearer <client key>" header');
  }

  static unknownKey(): AuthFailure {
    return new AuthFailure('unknown_key', 'Unknown client key');
  }
}

/** 429: an address made too many failed attempts; its unknown keys are not even looked up for a while. */
export class TooManyAuthFailures extends HttpException {
  readonly reason = 'too_many_failures';

  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many failed authentications from this address; retry in ${retryAfterSeconds} s`,
        code: 'too_many_failures',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** The header another feature lets a client name its device with. */
export const DEVICE_ID_HEADER = 'x-device-id';

/**
 * The device the request's credential is bound to (set by ClientKeyGuard), if any: a device's key
 * decides the device, whatever the request says.
 */
export function deviceFromKey(request: { deviceId?: string }): string | undefined {
  return request.deviceId;
}

/** 403 when a device's credential comes with an X-Device-Id naming another device. */
export function checkDeviceHeader(request: FastifyRequest, identity: ClientIdentity): void {
  const claimed = request.headers[DEVICE_ID_HEADER];
  if (identity.deviceId === undefined || claimed === undefined || claimed === identity.deviceId) return;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    message: 'This key belongs to another device than the one X-Device-Id names',
    code: 'device_mismatch',
  });
}

import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuthFailure,
  AuthReply,
  checkDeviceHeader,
  ClientAuthenticator,
  ClientIdentity,
  Clock,
  CredentialsProvider,
  TooManyAuthFailures,
} from '@app/common';
import { Metrics } from '@app/metrics';
import type { FastifyRequest } from 'fastify';
import { keyState, StoredKey } from './client-key';
import { DatabaseKeys } from './database-keys';
import { FailureBrake } from './failure-brake';
import { JwtVerifier, looksLikeJwt } from './jwt-verifier';

/**
 * One way in for every client credential: a token (when AUTH_JWT_* is set), an API_KEYS key
 * (memory only), or a database key (`rsk_…`: cache, then one lookup). Nothing else reaches the
 * database, so a wrong key of any other shape costs a hash and a comparison. Every refusal is
 * counted by reason; an address past AUTH_FAILURE_LIMIT failures in a window gets 429 for keys
 * this instance would have to look up.
 */
@Injectable()
export class ClientAuthenticatorService implements ClientAuthenticator {
  private readonly brake: FailureBrake;
  private readonly jwt?: JwtVerifier;

  constructor(
    private readonly apiKeys: CredentialsProvider,
    private readonly databaseKeys: DatabaseKeys,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.brake = new FailureBrake(config.authFailureLimit, config.authFailureWindowMs);
    if (config.jwt) this.jwt = new JwtVerifier(config.jwt);
  }

  authenticate(
    secret: string | undefined,
    request: FastifyRequest,
    reply: AuthReply,
  ): ClientIdentity | Promise<ClientIdentity> {
    if (secret === undefined) return this.refuse(request, reply, AuthFailure.missing());
    if (this.jwt !== undefined && looksLikeJwt(secret))
      return this.jwt.verify(secret, this.clock.now()).then(
        (identity) => this.accept(request, identity),
        (error: unknown) => this.refuse(request, reply, error),
      );
    const clientId = this.apiKeys.clientFor(secret);
    if (clientId !== undefined) return { clientId };
    if (!this.databaseKeys.isKeyShaped(secret)) return this.refuse(request, reply, AuthFailure.unknownKey());

    const known = this.databaseKeys.cached(secret);
    if (known !== undefined) return this.check(request, reply, known);
    const retryAfter = this.brake.retryAfter(request.ip, Date.now());
    if (retryAfter !== undefined) {
      this.metrics.authFailed('too_many_failures');
      reply.header('Retry-After', String(retryAfter));
      throw new TooManyAuthFailures(retryAfter);
    }
    const found = this.databaseKeys.lookup(secret);
    return found instanceof Promise
      ? found.then((key) => this.check(request, reply, key))
      : this.check(request, reply, found);
  }

  private check(request: FastifyRequest, reply: AuthReply, key: StoredKey | null): ClientIdentity {
    if (key === null) return this.refuse(request, reply, AuthFailure.unknownKey());
    const now = this.clock.now();
    const state = keyState(key, now);
    if (state === 'revoked') return this.refuse(request, reply, new AuthFailure('key_revoked', 'This key was revoked'));
    if (state === 'expired') return this.refuse(request, reply, new AuthFailure('key_expired', 'This key expired'));
    this.databaseKeys.used(key, now);
    return this.accept(
      request,
      key.deviceId === null ? { clientId: key.clientId } : { clientId: key.clientId, deviceId: key.deviceId },
    );
  }

  private accept(request: FastifyRequest, identity: ClientIdentity): ClientIdentity {
    try {
      checkDeviceHeader(request, identity);
    } catch (error) {
      this.metrics.authFailed('device_mismatch');
      throw error;
    }
    return identity;
  }

  /** Counts the refusal (and, for a wrong credential, against the address), then throws it. */
  private refuse(request: FastifyRequest, reply: AuthReply, error: unknown): never {
    if (error instanceof AuthFailure) {
      this.metrics.authFailed(error.reason);
      if (error.reason !== 'missing') this.brake.record(request.ip, Date.now());
      if (error.reason.startsWith('token_'))
        reply.header(
          'WWW-Authenticate',
          `Bearer error="invalid_token", error_description="${error.reason === 'token_expired' ? 'The token expired' : 'Invalid token'}"`,
        );
    }
    throw error;
  }
}

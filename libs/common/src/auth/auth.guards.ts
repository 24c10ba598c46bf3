import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest as Request } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { ErrorResponseDto } from '../http/error-response.dto';
import {
  AuthenticatedRequest,
  AuthFailure,
  AuthReply,
  CLIENT_AUTHENTICATOR,
  ClientAuthenticator,
  ClientIdentity,
} from './client-identity';
import { bearerSecret, Credentials } from './credentials';

export const CLIENT_AUTH = 'client-key';
export const ADMIN_AUTH = 'admin-token';

@Injectable()
export class CredentialsProvider extends Credentials {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.clientKeys, config.adminToken);
  }
}

@Injectable()
export class ClientKeyGuard implements CanActivate {
  constructor(
    private readonly credentials: CredentialsProvider,
    /** Database keys, tokens and the failure brake (libs/credentials); API_KEYS only without it. */
    @Optional() @Inject(CLIENT_AUTHENTICATOR) private readonly authenticator?: ClientAuthenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerSecret(request.headers.authorization);
    if (this.authenticator === undefined) return this.accept(request, this.fromApiKeys(secret));
    const reply = context.switchToHttp().getResponse<AuthReply>();
    const identity = this.authenticator.authenticate(secret, request, reply);
    return identity instanceof Promise
      ? identity.then((found) => this.accept(request, found))
      : this.accept(request, identity);
  }

  private fromApiKeys(secret: string | undefined): ClientIdentity {
    if (secret === undefined) throw AuthFailure.missing();
    const clientId = this.credentials.clientFor(secret);
    if (clientId === undefined) throw AuthFailure.unknownKey();
    return { clientId };
  }

  private accept(request: AuthenticatedRequest, identity: ClientIdentity): boolean {
    request.clientId = identity.clientId;
    if (identity.deviceId !== undefined) request.deviceId = identity.deviceId;
    return true;
  }
}

@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly credentials: CredentialsProvider) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const secret = bearerSecret(request.headers.authorization);
    if (secret === undefined || !this.credentials.isAdmin(secret)) {
      throw new UnauthorizedException(
        secret === undefined ? 'Missing "Authorization: Bearer <admin token>" header' : 'Invalid admin token',
      );
    }
    return true;
  }
}

/** Endpoints a client calls with its key; the key decides the client id of everything they touch. */
export const ClientAuth = () =>
  applyDecorators(
    UseGuards(ClientKeyGuard),
    ApiBearerAuth(CLIENT_AUTH),
    ApiUnauthorizedResponse({
      type: ErrorResponseDto,
      description:
        'Missing or unknown client key; a revoked or expired key (code key_revoked, key_expired) or token (token_expired, token_invalid)',
    }),
    ApiForbiddenResponse({
      type: ErrorResponseDto,
      description: 'The key belongs to a device and X-Device-Id names another (code device_mismatch)',
    }),
    ApiTooManyRequestsResponse({
      type: ErrorResponseDto,
      description:
        'Too many failed authentications from this address: keys this instance does not already know are refused until Retry-After (code too_many_failures)',
    }),
  );

/** Operator endpoints, behind ADMIN_TOKEN. */
export const AdminAuth = () =>
  applyDecorators(
    UseGuards(AdminTokenGuard),
    ApiBearerAuth(ADMIN_AUTH),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid admin token' }),
  );

/** The authenticated client's id (set by ClientKeyGuard). */
export const ClientId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const clientId = context.switchToHttp().getRequest<AuthenticatedRequest>().clientId;
  if (clientId === undefined) throw new UnauthorizedException('Client key required');
  return clientId;
});

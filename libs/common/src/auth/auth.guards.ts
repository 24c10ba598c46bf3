import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest as Request } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { ErrorResponseDto } from '../http/error-response.dto';
import { bearerSecret, Credentials } from './credentials';

export const CLIENT_AUTH = 'client-key';
export const ADMIN_AUTH = 'admin-token';

type AuthenticatedRequest = Request & { clientId?: string };

@Injectable()
export class CredentialsProvider extends Credentials {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.clientKeys, config.adminToken);
  }
}

@Injectable()
export class ClientKeyGuard implements CanActivate {
  constructor(private readonly credentials: CredentialsProvider) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerSecret(request.headers.authorization);
    const clientId = secret === undefined ? undefined : this.credentials.clientFor(secret);
    if (clientId === undefined) {
      throw new UnauthorizedException(
        secret === undefined ? 'Missing "Authorization: Bearer <client key>" header' : 'Unknown client key',
      );
    }
    request.clientId = clientId;
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
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or unknown client key' }),
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

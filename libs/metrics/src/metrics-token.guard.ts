import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { APP_CONFIG, AppConfig, bearerSecret } from '@app/common';
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** /metrics on the API port: `Authorization: Bearer <METRICS_TOKEN or ADMIN_TOKEN>`. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly accepted: Buffer[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.accepted = tokenDigests([config.metricsToken, config.adminToken]);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>()
      .headers.authorization;
    if (!acceptsBearer(header, this.accepted))
      throw new UnauthorizedException('A valid metrics token (METRICS_TOKEN or ADMIN_TOKEN) is required');
    return true;
  }
}

/** True when `header` carries one of the accepted secrets (compared as digests, in constant time). */
export function acceptsBearer(header: string | string[] | undefined, accepted: Buffer[]): boolean {
  const secret = bearerSecret(header);
  if (secret === undefined) return false;
  const presented = digest(secret);
  let ok = false;
  for (const token of accepted) ok = timingSafeEqual(presented, token) || ok;
  return ok;
}

export function tokenDigests(tokens: (string | undefined)[]): Buffer[] {
  return tokens.filter((t): t is string => !!t).map(digest);
}

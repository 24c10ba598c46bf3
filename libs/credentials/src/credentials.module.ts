import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLIENT_AUTHENTICATOR, Clock } from '@app/common';
import { PrismaService } from '@app/database';
import { ClientAuthenticatorService } from './client-authenticator';
import { ClientKeysController } from './client-keys.controller';
import { ClientKeysRepository } from './client-keys.repository';
import { ClientKeysService } from './client-keys.service';
import { DatabaseKeys } from './database-keys';

/**
 * Client credentials beyond API_KEYS: keys kept in the database (admin routes, `npm run keys`) and
 * tokens from an identity provider. Global: ClientKeyGuard, wherever it guards a route, finds the
 * authenticator here (without this module it knows API_KEYS only).
 */
@Global()
@Module({
  controllers: [ClientKeysController],
  providers: [
    {
      provide: ClientKeysRepository,
      useFactory: (prisma: PrismaService) => new ClientKeysRepository(prisma.pool),
      inject: [PrismaService],
    },
    {
      provide: ClientKeysService,
      useFactory: (keys: ClientKeysRepository, clock: Clock, config: AppConfig) =>
        new ClientKeysService(keys, clock, config.clientKeyRotateGraceMs),
      inject: [ClientKeysRepository, Clock, APP_CONFIG],
    },
    DatabaseKeys,
    ClientAuthenticatorService,
    { provide: CLIENT_AUTHENTICATOR, useExisting: ClientAuthenticatorService },
  ],
  exports: [CLIENT_AUTHENTICATOR, ClientKeysService, DatabaseKeys],
})
export class CredentialsModule {}

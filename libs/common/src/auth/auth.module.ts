import { Global, Module } from '@nestjs/common';
import { AdminTokenGuard, ClientKeyGuard, CredentialsProvider } from './auth.guards';

@Global()
@Module({
  providers: [CredentialsProvider, ClientKeyGuard, AdminTokenGuard],
  exports: [CredentialsProvider, ClientKeyGuard, AdminTokenGuard],
})
export class AuthModule {}

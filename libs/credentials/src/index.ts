export * from './credentials.module';
export * from './client-key';
export * from './client-keys.repository';
export * from './client-keys.service';
export * from './database-keys';
export * from './client-authenticator';
export { looksLikeJwt } from './jwt-verifier';
export * from './keys-command';

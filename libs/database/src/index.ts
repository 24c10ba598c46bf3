export * from './database.module';
export * from './prisma.service';
export * from './locks';
export * from './migrator';
export * from './embedded-postgres';
export { Prisma, PrismaClient, OperationStatus, OperationType } from './generated/prisma/client';
export type { SyncFailure, SyncOperation } from './generated/prisma/client';
export * from './wait-for-database';
export * from './database-errors';

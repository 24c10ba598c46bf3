import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** Shares one PrismaService (one pool) with every capability module. */
@Global()
@Module({
  providers: [PrismaService],
  exports: [PrismaService],
})
export class DatabaseModule {}

import { Module } from '@nestjs/common';
import { SyncFailuresRepository } from './sync-failures.repository';
import { SyncFailuresService } from './sync-failures.service';

/** sync_failures and its one writer, SyncFailuresService. */
@Module({ providers: [SyncFailuresRepository, SyncFailuresService], exports: [SyncFailuresService] })
export class FailuresModule {}

import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, RouterModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@app/common';
import { AsyncIngestModule, AsyncIngestService } from '@app/ingest';
import { RecordStatusModule } from '@app/record-status';
import { BATCH_QUEUE } from './batch-queue';
import { installOnFastify } from './legacy-fastify';
import { LegacyExceptionFilter } from './legacy-exception.filter';
import { LegacyProtocolController } from './legacy-protocol.controller';
import { LegacyProtocolService } from './legacy-protocol.service';
import { RateLimitRepository } from './rate-limit.repository';
import { RateLimiter } from './rate-limiter.service';

/**
 * The original store clients' wire protocol (README "The original store clients' protocol"),
 * served under LEGACY_PREFIX on top of the asynchronous ingest pipeline.
 */
@Module({})
export class LegacyProtocolModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static register(config: AppConfig): DynamicModule {
    return {
      module: LegacyProtocolModule,
      imports: [
        AsyncIngestModule,
        RecordStatusModule,
        RouterModule.register([{ path: config.legacyPrefix, module: LegacyProtocolModule }]),
      ],
      controllers: [LegacyProtocolController],
      // A queued batch is a job of the asynchronous ingest pipeline (issue 10).
      providers: [
        LegacyProtocolService,
        RateLimiter,
        RateLimitRepository,
        LegacyExceptionFilter,
        { provide: BATCH_QUEUE, useExisting: AsyncIngestService },
      ],
    };
  }

  /** Before the server starts: Fastify's parsers and hooks must be added before it is ready. */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() === 'fastify')
      installOnFastify(adapter.getInstance(), this.config.legacyPrefix, this.config.bodyLimitBytes);
  }
}

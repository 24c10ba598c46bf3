import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery';
import { FailuresModule } from '../failures';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';

/** The transactional outbox: OutboxWriter (for Ingest, inside its transactions) and the dispatcher that drains it. */
@Module({
  imports: [DeliveryModule, FailuresModule],
  providers: [OutboxWriter, OutboxRepository, OutboxDispatcher],
  exports: [OutboxWriter, OutboxDispatcher],
})
export class OutboxModule {}

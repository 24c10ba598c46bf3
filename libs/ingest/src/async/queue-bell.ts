import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { ASYNC_QUEUE_CHANNEL } from './async-ingest.repository';

/**
 * Wakes the workers (NOTIFY on ASYNC_QUEUE_CHANNEL) after batches were accepted, at most one
 * NOTIFY in flight per process: rings while one is on its way make one more after it. A NOTIFY
 * inside the accepting statement serialised every acceptance's commit, WAL flush included, on
 * PostgreSQL's notification lock; workers busy with a backlog need no wake-up, idle ones get one
 * within a round trip. ASYNC_POLL_INTERVAL remains the fallback if a NOTIFY is lost.
 */
@Injectable()
export class QueueBell {
  private readonly logger = new Logger(QueueBell.name);
  private ringing = false;
  private again = false;

  constructor(private readonly prisma: PrismaService) {}

  ring(): void {
    if (this.ringing) {
      this.again = true;
      return;
    }
    this.ringing = true;
    void this.notify();
  }

  private async notify(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.prisma.sql(`SELECT pg_notify($1, '')`, [ASYNC_QUEUE_CHANNEL]);
      } catch (error) {
        this.logger.debug(`Waking the workers failed (they poll meanwhile): ${(error as Error).message}`);
      }
    } while (this.again);
    this.ringing = false;
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

@Injectable()
export class RateLimitRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Counts one batch of `clientId` in the window starting at `windowStart`, if fewer than `limit`
   * were counted there: one atomic upsert on the client's row, so instances sharing the database
   * can never together let more through. A new window starts the count again; an instance whose
   * clock lags (an older `windowStart`) counts into the newer window rather than resetting it.
   * Returns whether the batch may go.
   */
  async take(clientId: string, windowStart: Date, limit: number): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ used: number }[]>`
      INSERT INTO legacy_rate_limits AS r (client_id, window_start, used) VALUES (${clientId}, ${windowStart}, 1)
      ON CONFLICT (client_id) DO UPDATE
        SET used = CASE WHEN r.window_start >= EXCLUDED.window_start THEN r.used + 1 ELSE 1 END,
            window_start = GREATEST(r.window_start, EXCLUDED.window_start)
        WHERE r.window_start < EXCLUDED.window_start OR r.used < ${limit}
      RETURNING used`;
    return rows.length === 1;
  }
}

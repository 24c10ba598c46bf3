import { Injectable } from '@nestjs/common';
import { allSyncedTables } from '@app/common';
import { ChangesService, decodeCursor, encodeCursor, MAX_PULL } from '@app/changes';

export interface WatermelonTableChanges {
  created: Record<string, unknown>[];
  updated: Record<string, unknown>[];
  deleted: string[];
}

export interface WatermelonPull {
  changes: Record<string, WatermelonTableChanges>;
  timestamp: number;
}

/**
 * Serves Watermelon's pull from the change feed (libs/changes), every synced table: records
 * written by transactions at or after `lastPulledAt` (null: everything live) and below the
 * snapshot's horizon, which is the new `timestamp`. Live records travel as `updated` (the app
 * syncs with `sendCreatedAsUpdated: true`: a pull echoes the device's own pushes, and the server
 * cannot tell which records a device holds), with `ver` beside their fields; deletions as ids.
 */
@Injectable()
export class WatermelonPullService {
  constructor(private readonly feed: ChangesService) {}

  async pull(clientId: string, lastPulledAt: bigint | null): Promise<WatermelonPull> {
    const changes: Record<string, WatermelonTableChanges> = {};
    let timestamp: bigint | undefined;
    for (const table of allSyncedTables()) {
      const out: WatermelonTableChanges = { created: [], updated: [], deleted: [] };
      let since =
        lastPulledAt === null ? undefined : encodeCursor({ xid: lastPulledAt.toString(), hashId: '', purged: '0' });
      for (;;) {
        const page = await this.feed.pullPage(clientId, table, since, MAX_PULL);
        for (const c of page.changes) {
          if (c.deleted) out.deleted.push(c.id);
          else out.updated.push({ ...c.data, id: c.id, ver: c.ver });
        }
        since = page.next;
        if (!page.has_more) break;
      }
      // Each table's feed ends at its own snapshot's horizon: the lowest is a timestamp below
      // which every table was read (a record above it in another table comes again, harmlessly).
      const end = BigInt(decodeCursor(since)!.xid);
      timestamp = timestamp === undefined || end < timestamp ? end : timestamp;
      changes[table.name] = out;
    }
    return { changes, timestamp: Number(timestamp ?? 0n) };
  }
}

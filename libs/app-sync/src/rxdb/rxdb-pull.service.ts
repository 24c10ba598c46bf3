import { Injectable } from '@nestjs/common';
import { SyncedTable } from '@app/common';
import { ChangeDto, ChangesService } from '@app/changes';

/** An RxDB document as resync serves it: `id`, the server's `ver`, the record's fields, `_deleted`. */
export type RxDocument = Record<string, unknown> & { id: string; ver: number; _deleted: boolean };

/** RxDB's checkpoint: the feed's own cursor, opaque to the app. */
export interface RxCheckpoint {
  cursor: string;
}

export interface RxPullResult {
  documents: RxDocument[];
  checkpoint: RxCheckpoint;
}

/**
 * RxDB's pull handler on the change feed: documents in feed order (`_xid`, id), tombstones as
 * `_deleted: true`, fewer than `batchSize` when caught up, and the feed's cursor as checkpoint
 * (null: from the beginning, every live record).
 */
@Injectable()
export class RxdbPullService {
  constructor(private readonly feed: ChangesService) {}

  async pull(
    clientId: string,
    table: SyncedTable,
    checkpoint: RxCheckpoint | null,
    batchSize: number,
  ): Promise<RxPullResult> {
    const page = await this.feed.pullPage(clientId, table, checkpoint?.cursor, batchSize);
    return { documents: page.changes.map(rxDocument), checkpoint: { cursor: page.next } };
  }
}

export function rxDocument(change: Pick<ChangeDto, 'id' | 'ver' | 'data' | 'deleted'>): RxDocument {
  return { ...(change.deleted ? {} : change.data), id: change.id, ver: change.ver, _deleted: change.deleted };
}

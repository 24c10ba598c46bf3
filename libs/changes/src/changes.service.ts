import { BadRequestException, GoneException, Injectable } from '@nestjs/common';
import { SyncedTable } from '@app/common';
import { decodeCursor, encodeCursor, FeedPosition } from './change-cursor';
import { ChangeDto, ChangesPageDto, DEFAULT_PULL } from './changes.dto';
import { ChangeRow, ChangesRepository } from './changes.repository';

/** Before every row: a first pull starts here (record ids are never empty). */
const START: FeedPosition = { xid: '0', hashId: '' };

/**
 * The change feed (docs/multi-device.md, "The change feed"): a client's records whose state
 * changed after a cursor, at their current state, in the order (`_xid`, `_hash_id`) of the
 * transaction that last wrote them.
 */
@Injectable()
export class ChangesService {
  constructor(private readonly repository: ChangesRepository) {}

  async pull(
    clientId: string,
    table: SyncedTable,
    since: string | undefined,
    limit = DEFAULT_PULL,
  ): Promise<ChangesPageDto> {
    const after = since === undefined ? START : decodeCursor(since);
    if (after === undefined)
      throw new BadRequestException('since is not a cursor this server wrote (send a `next` value back as is)');
    // One more than asked tells whether more is waiting.
    const rows = await this.repository.page(clientId, table.name, after, since !== undefined, limit + 1);
    const { horizon, purged } = rows[0];
    if (since !== undefined && purged !== null && BigInt(after.xid) <= BigInt(purged))
      throw new GoneException({
        code: 'cursor_expired',
        message:
          'The cursor is older than the tombstone retention (deletions it has not seen were purged): start over with a full pull (no since) and replace the local copy',
      });
    const found = rows.filter((r): r is ChangeRow & { hash_id: string } => r.hash_id !== null);
    const page = found.slice(0, limit);
    const hasMore = found.length > limit;
    // A page that ends the feed moves the cursor to the horizon: every row below it has been read
    // (or skipped, a first pull's tombstones), and none can be written below it any more.
    const last = page.at(-1)!;
    const next = hasMore ? { xid: last.xid!, hashId: last.hash_id } : atHorizon(after, horizon);
    return { changes: page.map(change), next: encodeCursor(next), has_more: hasMore };
  }
}

function change(row: ChangeRow & { hash_id: string }): ChangeDto {
  return {
    id: row.hash_id,
    ver: row.ver!,
    data: row.deleted ? null : row.data,
    deleted: row.deleted!,
    updated_at: row.updated_at!.toISOString(),
  };
}

/**
 * The cursor after a page that ends the feed: the horizon, unless the cursor sent is already past
 * it (another snapshot's xmin can be older). Positions are compared by xid only: the record ids'
 * order is PostgreSQL's collation, not JavaScript's, and '' sorts first in both.
 */
function atHorizon(after: FeedPosition, horizon: string): FeedPosition {
  return BigInt(horizon) > BigInt(after.xid) ? { xid: horizon, hashId: '' } : after;
}

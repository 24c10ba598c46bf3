import { BadRequestException, GoneException, Injectable } from '@nestjs/common';
import { SHARED_CLIENT_ID, SyncedTable } from '@app/common';
import { decodeCursor, encodeCursor, FeedPosition } from './change-cursor';
import { ChangesPageDto, DEFAULT_PULL } from './changes.dto';
import { ChangesRepository } from './changes.repository';

/** Before every row: a first pull starts here (record ids are never empty). */
const START: FeedPosition = { xid: '0', hashId: '', purged: '0' };

/**
 * The change feed (docs/multi-device.md, "The change feed"): a client's records whose state
 * changed after a cursor, at their current state, in the order (`_xid`, `_hash_id`) of the
 * transaction that last wrote them.
 */
@Injectable()
export class ChangesService {
  constructor(private readonly repository: ChangesRepository) {}

  /** One page as JSON text (ChangesPageDto): the changes array comes from PostgreSQL as is. */
  async pull(clientId: string, table: SyncedTable, since: string | undefined, limit = DEFAULT_PULL): Promise<string> {
    const after = since === undefined ? START : decodeCursor(since);
    if (after === undefined)
      throw new BadRequestException('since is not a cursor this server wrote (send a `next` value back as is)');
    // A shared table's rows are no store's: every store reads the same ones.
    const owner = table.shared ? SHARED_CLIENT_ID : clientId;
    const page = await this.repository.page(owner, table.name, after, since !== undefined, limit);
    // Expired: a purge since the cursor was written removed tombstones the device has not passed.
    // A purge the cursor was written under cannot have (a full pull's pages, say, carry the horizon
    // of its first page: their rows may be older than the purged tombstones, which they never needed).
    const purged = page.purged ?? '0';
    if (since !== undefined && BigInt(purged) > BigInt(after.purged) && BigInt(after.xid) <= BigInt(purged))
      throw new GoneException({
        code: 'cursor_expired',
        message:
          'The cursor is older than the tombstone retention (deletions it has not seen were purged): start over with a full pull (no since) and replace the local copy',
      });
    const hasMore = page.found > limit;
    // A page that ends the feed moves the cursor to the horizon: every row below it has been read
    // (or skipped, a first pull's tombstones), and none can be written below it any more.
    const next = hasMore
      ? { xid: page.last_xid!, hashId: page.last_id!, purged }
      : { ...atHorizon(after, page.horizon), purged };
    return `{"changes":${page.changes},"next":${JSON.stringify(encodeCursor(next))},"has_more":${hasMore}}`;
  }

  /** One page as an object: for the protocol adapters (libs/app-sync) that reshape its changes. */
  async pullPage(
    clientId: string,
    table: SyncedTable,
    since: string | undefined,
    limit = DEFAULT_PULL,
  ): Promise<ChangesPageDto> {
    return JSON.parse(await this.pull(clientId, table, since, limit)) as ChangesPageDto;
  }
}

/**
 * The cursor after a page that ends the feed: the horizon, unless the cursor sent is already past
 * it (another snapshot's xmin can be older). Positions are compared by xid only: the record ids'
 * order is PostgreSQL's collation, not JavaScript's, and '' sorts first in both.
 */
function atHorizon(after: FeedPosition, horizon: string): Omit<FeedPosition, 'purged'> {
  return BigInt(horizon) > BigInt(after.xid) ? { xid: horizon, hashId: '' } : after;
}

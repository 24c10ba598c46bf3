/**
 * The change feed's cursor: where a device's last pull ended, a position in the feed's order
 * (`_xid`, `_hash_id`), and the purge horizon the page was read under. Opaque to clients:
 * `v2.<xid>.<purged>.<record id in base64url>`; `v1.<xid>.<id>`, written before the purge horizon
 * travelled in the cursor, still reads (as a cursor read under no purge). Every text of
 * CURSOR_PATTERN reads as some position (a device can only get its own rows from any of them), so
 * the pattern documents the parameter exactly.
 */
export interface FeedPosition {
  /** A transaction id (xid8) as decimal text. */
  xid: string;
  hashId: string;
  /**
   * The newest purged tombstone's `_xid` when the cursor was written ('0': none). Only a purge after
   * that can have removed a deletion the device has not seen (docs/multi-device.md, 410).
   */
  purged: string;
}

/** Up to 19 digits: always inside xid8's range. */
export const CURSOR_PATTERN = '^(v1\\.[0-9]{1,19}|v2\\.[0-9]{1,19}\\.[0-9]{1,19})\\.[A-Za-z0-9_-]*$';
const CURSOR = new RegExp(CURSOR_PATTERN);

export function encodeCursor(position: FeedPosition): string {
  const id = Buffer.from(position.hashId, 'utf8').toString('base64url');
  return `v2.${BigInt(position.xid)}.${BigInt(position.purged)}.${id}`;
}

/** The position a cursor names, or undefined when it is not a cursor at all. */
export function decodeCursor(cursor: string): FeedPosition | undefined {
  if (!CURSOR.test(cursor)) return undefined;
  const parts = cursor.split('.');
  const [xid, purged, id] = parts[0] === 'v1' ? [parts[1], '0', parts[2]] : [parts[1], parts[2], parts[3]];
  // Record ids never hold NUL (PostgreSQL text cannot): a forged one is cut there, an earlier position.
  const hashId = Buffer.from(id, 'base64url').toString('utf8').split('\0')[0];
  return { xid: BigInt(xid).toString(), hashId, purged: BigInt(purged).toString() };
}

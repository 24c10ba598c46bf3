/**
 * The change feed's cursor: where a device's last pull ended, a position in the feed's order
 * (`_xid`, `_hash_id`). Opaque to clients: `v1.`, the transaction id, `.`, the record id in
 * base64url; a new meaning would get a new version prefix. Every text of CURSOR_PATTERN reads as
 * some position (a device can only get its own rows from any of them), so the pattern documents the
 * parameter exactly.
 */
export interface FeedPosition {
  /** A transaction id (xid8) as decimal text. */
  xid: string;
  hashId: string;
}

/** Up to 19 digits: always inside xid8's range. */
export const CURSOR_PATTERN = '^v1\\.[0-9]{1,19}\\.[A-Za-z0-9_-]*$';
const CURSOR = new RegExp(CURSOR_PATTERN);

export function encodeCursor(position: FeedPosition): string {
  return `v1.${BigInt(position.xid)}.${Buffer.from(position.hashId, 'utf8').toString('base64url')}`;
}

/** The position a cursor names, or undefined when it is not a cursor at all. */
export function decodeCursor(cursor: string): FeedPosition | undefined {
  if (!CURSOR.test(cursor)) return undefined;
  const [, xid, id] = cursor.split('.');
  // Record ids never hold NUL (PostgreSQL text cannot): a forged one is cut there, an earlier position.
  const hashId = Buffer.from(id, 'base64url').toString('utf8').split('\0')[0];
  return { xid: BigInt(xid).toString(), hashId };
}

import type { QueueEntry, RemoteChange, ServerState, TableInfo } from '../types.js';

/**
 * Every wire detail of multi-device sync in one place (header, field and status names, the feed's
 * shape), so that aligning the client with the server's contract is an edit of this file only.
 */

/** The header that names the device on every request. */
export const DEVICE_HEADER = 'x-device-id';

/** The fields a pushed change carries besides its record: the version it was made on. */
export function baseFields(entry: Pick<QueueEntry, 'baseVer'>): Record<string, number> {
  // undefined: an entry an IndexedDB store of 0.1 queued.
  return entry.baseVer === null || entry.baseVer === undefined ? {} : { base_ver: entry.baseVer };
}

/**
 * A 403 that refuses a write to a shared table (head office's, read-only for stores): the change
 * is refused (ERROR, then rejected), the key is fine and sync goes on.
 */
export function refusesSharedWrite(status: number, message: string): boolean {
  return status === 403 && /is shared/i.test(message);
}

/** The path of one page of a table's change feed (`since` null: everything live). */
export function feedPath(table: string, since: string | null, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (since !== null) query.set('since', since);
  return `/tables/${encodeURIComponent(table)}/changes?${query}`;
}

export const TABLES_PATH = '/tables';

/** The 410 of a cursor the server no longer serves: start over with a full pull. */
export const CURSOR_EXPIRED_STATUS = 410;

export interface FeedPage {
  changes: RemoteChange[];
  next: string | null;
  hasMore: boolean;
}

/** A feed page, or null when the body is not one. */
export function readFeed(body: unknown): FeedPage | null {
  const page = body as { changes?: unknown; next?: unknown; has_more?: unknown } | null;
  if (!page || !Array.isArray(page.changes) || typeof page.has_more !== 'boolean') return null;
  const changes: RemoteChange[] = [];
  for (const raw of page.changes as Record<string, unknown>[]) {
    if (!raw || typeof raw.id !== 'string' || typeof raw.ver !== 'number') return null;
    const deleted = raw.deleted === true;
    changes.push({ id: raw.id, ver: raw.ver, deleted, data: deleted ? null : ownFields(raw.data) });
  }
  const next = typeof page.next === 'string' ? page.next : null;
  return { changes, next, hasMore: page.has_more && next !== null };
}

/** The served tables, or null when the body is not a list of them. */
export function readTables(body: unknown): TableInfo[] | null {
  const list = (body as { tables?: unknown } | null)?.tables;
  if (!Array.isArray(list)) return null;
  return list
    .filter((t): t is Record<string, unknown> => !!t && typeof (t as { name?: unknown }).name === 'string')
    .map((t) => ({
      name: t.name as string,
      shared: t.shared === true,
      policy: typeof t.policy === 'string' ? t.policy : 'reject',
      counters: Array.isArray(t.counters) ? t.counters.filter((c): c is string => typeof c === 'string') : [],
    }));
}

/** What one batch entry or status answer says about a change. */
export type Answer =
  /** `at`: the record's version and row now, when the answer tells them (a batch entry's ver/data, a status's data). */
  | { kind: 'completed'; at?: { ver: number; data: Record<string, unknown> } }
  | { kind: 'merged'; ver: number; data: Record<string, unknown> }
  | { kind: 'conflict'; server: ServerState }
  | { kind: 'error'; reason: string }
  | { kind: 'not-found' }
  | { kind: 'later' };

type RawAnswer = {
  status?: unknown;
  note?: unknown;
  ver?: unknown;
  data?: unknown;
  error?: unknown;
  error_details?: unknown;
  conflict?: { server_ver?: unknown; server_data?: unknown; deleted?: unknown } | null;
};

/** Sorts a batch entry (`error`) or a status answer (`error_details`) by what the client does next. */
export function readAnswer(raw: unknown): Answer {
  const answer = (raw ?? {}) as RawAnswer;
  switch (answer.status) {
    case 'COMPLETED':
      if (typeof answer.note === 'string' && answer.note.startsWith('Merged') && typeof answer.ver === 'number')
        return { kind: 'merged', ver: answer.ver, data: ownFields(answer.data) ?? {} };
      return { kind: 'completed', at: recordNow(answer) };
    case 'CONFLICT': {
      const conflict = answer.conflict ?? {};
      const deleted = conflict.deleted === true;
      return {
        kind: 'conflict',
        server: {
          ver: typeof conflict.server_ver === 'number' ? conflict.server_ver : 0,
          data: deleted ? null : ownFields(conflict.server_data),
          deleted,
        },
      };
    }
    case 'ERROR': {
      const reason = answer.error ?? answer.error_details;
      return { kind: 'error', reason: typeof reason === 'string' ? reason : 'ERROR' };
    }
    case 'NOT_FOUND':
      return { kind: 'not-found' };
    default:
      return { kind: 'later' };
  }
}

/** A row's own fields: without the id and version columns a status answer adds. */
/** The record's version and live row a COMPLETED answer carries: a batch entry's `ver` and `data`, a status's `data._ver`. */
function recordNow(answer: RawAnswer): { ver: number; data: Record<string, unknown> } | undefined {
  const data = answer.data && typeof answer.data === 'object' ? (answer.data as Record<string, unknown>) : null;
  const ver = typeof answer.ver === 'number' ? answer.ver : data?._ver;
  const own = ownFields(data);
  return typeof ver === 'number' && own ? { ver, data: own } : undefined;
}

function ownFields(data: unknown): Record<string, unknown> | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const { _hash_id: _id, _ver: _ver, id: _plainId, ver: _plainVer, ...own } = data as Record<string, unknown>;
  return own;
}

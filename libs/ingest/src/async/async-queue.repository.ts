import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { PgTx, PrismaService } from '@app/database';
import { OperationType } from '../change';

/** A QUEUED operation a worker has claimed (through its queue entry, locked in the worker's transaction). */
export interface ClaimedOperation {
  id: bigint;
  client_id: string;
  table_name: string;
  record_id: string;
  batch_version: number;
  queue_id: string | null;
  operation: OperationType;
  /** Null unless asked for (claim's `withPayloads`). */
  payload: Record<string, unknown> | null;
  /** The record has an older operation waiting outside this claim: leave this one QUEUED. */
  blocked: boolean;
}

/** A `sync_queue` row: a batch of QUEUED operations of one client and table, keyed by its first operation id. */
export interface QueueEntry {
  operation_id: string;
  client_id: string;
  table_name: string;
  operation_ids: string[];
  size: number;
  created_at: Date;
  /** Batches with this entry that failed whole (see recordFailure). */
  attempts: number;
}

/** What one claim holds: its entries (locked) and their QUEUED operations, in operation id order. */
export interface Claim {
  entries: QueueEntry[];
  operations: ClaimedOperation[];
}

// Qualified: a bare `ORDER BY operation_id` would sort by this list's text column of that name.
const ENTRY =
  'q.operation_id::text, q.client_id, q.table_name, q.operation_ids::text[], q.size, q.created_at, q.attempts';

/** The queue's head: its first entry no other worker holds. */
const FIRST = `SELECT ${ENTRY} FROM sync_queue q ORDER BY q.operation_id LIMIT 1 FOR UPDATE SKIP LOCKED`;

/**
 * Citus (a claim locks one client's rows only): the clients of the queue's oldest `$1` entries,
 * the one whose oldest entry is oldest first. Read by primary key, without locks: a client further
 * back waits only until the entries ahead of it are claimed, as in one queue.
 */
const CLIENTS = `SELECT client_id FROM (SELECT client_id, operation_id FROM sync_queue ORDER BY operation_id LIMIT $1) w
  GROUP BY client_id ORDER BY min(operation_id)`;

/** Entries CLIENTS looks at: far more than workers can hold at once. */
const CLIENTS_WINDOW = 1000;

/** Citus: a client's first entry no other worker holds. */
const FIRST_OF_CLIENT = `SELECT ${ENTRY} FROM sync_queue q WHERE q.client_id = $1
  ORDER BY q.operation_id LIMIT 1 FOR UPDATE SKIP LOCKED`;

/**
 * The entries after `$1` that fit in `$2` more operations, as far as the snapshot tells (no locks
 * read), then locked: one a different worker holds is skipped, and the claim is that much smaller.
 * `client`: on Citus, of the head's client ($3) only.
 */
const more = (client: boolean) => `
  SELECT ${ENTRY} FROM sync_queue q WHERE q.operation_id = ANY(ARRAY(
    SELECT operation_id FROM (
      SELECT operation_id, sum(size) OVER (ORDER BY operation_id) AS upto
      FROM (SELECT operation_id, size FROM sync_queue WHERE operation_id > $1::bigint${client ? ' AND client_id = $3' : ''}
            ORDER BY operation_id LIMIT $2) h) w
    WHERE upto <= $2))${client ? ' AND q.client_id = $3' : ''}
  ORDER BY q.operation_id FOR UPDATE SKIP LOCKED`;
const MORE = more(false);
const MORE_OF_CLIENT = more(true);

/** The claimed entries' operations still QUEUED, by primary key, in id order (on Citus: of client $3). */
const operations = (client: boolean) => `
  SELECT o.id::text, o.client_id, o.table_name, o.record_id, o.batch_version, o.queue_id, o.operation::text AS operation,
         CASE WHEN $2::boolean THEN o.payload END AS payload
  FROM sync_operations o WHERE o.id = ANY($1::bigint[]) AND o.status = 'QUEUED'${client ? ' AND o.client_id = $3' : ''}
  ORDER BY o.id`;
const OPERATIONS = operations(false);
const OPERATIONS_OF_CLIENT = operations(true);

/**
 * The other entries that may hold older operations of the claim's records: those whose first
 * operation is older than the claim's newest (mostly what other workers hold), of the claim's
 * clients and tables. Their operations are then read by primary key (AHEAD_OPERATIONS): a join
 * from the entries' arrays was planned as a hash join over the whole log (17 ms a claim).
 */
const AHEAD_ENTRIES = `
  SELECT q.operation_ids::text[] FROM sync_queue q
  WHERE q.operation_id < $1::bigint AND q.operation_id <> ALL($2::bigint[])
    AND q.client_id = ANY($3::text[]) AND q.table_name = ANY($4::text[])`;

/** Citus: a claim is one client's ($3), named as such so the read goes to its shard alone. */
const AHEAD_ENTRIES_OF_CLIENT = `
  SELECT q.operation_ids::text[] FROM sync_queue q
  WHERE q.operation_id < $1::bigint AND q.operation_id <> ALL($2::bigint[])
    AND q.client_id = $3 AND q.table_name = ANY($4::text[])`;

const aheadOperations = (client: boolean) => `
  SELECT o.id::text, o.client_id, o.table_name, o.record_id FROM sync_operations o
  WHERE o.id = ANY($1::bigint[]) AND o.status = 'QUEUED'${client ? ' AND o.client_id = $2' : ''}`;
const AHEAD_OPERATIONS = aheadOperations(false);
const AHEAD_OPERATIONS_OF_CLIENT = aheadOperations(true);

/**
 * The queue of asynchronous ingest: `sync_queue` holds one entry per accepted batch (the ids of its
 * QUEUED operations, whose rows hold the payloads). Workers claim entries, not operation rows: one
 * row lock per batch, and the operations' rows are written once more only when they are applied.
 */
@Injectable()
export class AsyncQueueRepository {
  /** DATABASE_ENGINE=citus: claims go client by client (a claim holds one client's entries). */
  private readonly perClient: boolean;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perClient = config.databaseEngine === 'citus';
  }

  /**
   * Claims the queue's head for the caller's transaction: its first entry no other worker holds
   * (FOR UPDATE SKIP LOCKED: workers take disjoint entries, and the row lock is the claim; a worker
   * that dies releases it when PostgreSQL ends its session, and the entry is there for anyone).
   * On Citus, where a lock may not span shards: the first free entry of the client whose oldest
   * entry is oldest, trying the clients in that order (CLIENTS, then FIRST_OF_CLIENT).
   */
  async claimHead(tx: PgTx): Promise<QueueEntry | undefined> {
    if (!this.perClient) return (await tx.query<QueueEntry>(FIRST)).rows[0];
    const { rows: clients } = await tx.query<{ client_id: string }>(CLIENTS, [CLIENTS_WINDOW]);
    for (const { client_id: clientId } of clients) {
      const [entry] = (await tx.query<QueueEntry>(FIRST_OF_CLIENT, [clientId])).rows;
      if (entry) return entry;
    }
    return undefined;
  }

  /**
   * Completes a claim begun with `head`: more entries after it, up to `limit` operations in all
   * (none if the head has failed before: it is then tried alone, so that an entry that keeps
   * failing is the one that counts its attempts), and their QUEUED operations. An operation is
   * `blocked` when its record has an older QUEUED operation outside this claim (another worker
   * holds it): the worker leaves it QUEUED in the queue (`finish`), so a record's operations apply
   * in the order they were accepted, across jobs and workers. Payloads are read only when the
   * outbox needs them.
   */
  async claimRest(tx: PgTx, head: QueueEntry, limit: number, withPayloads: boolean): Promise<Claim> {
    const entries = [head];
    const room = head.attempts > 0 ? 0 : limit - head.size;
    const client = this.perClient ? [head.client_id] : [];
    if (room > 0)
      entries.push(
        ...(await tx.query<QueueEntry>(this.perClient ? MORE_OF_CLIENT : MORE, [head.operation_id, room, ...client]))
          .rows,
      );
    const ids = entries.flatMap((e) => e.operation_ids);
    const { rows } = await tx.query<Omit<ClaimedOperation, 'id' | 'blocked'> & { id: string }>(
      this.perClient ? OPERATIONS_OF_CLIENT : OPERATIONS,
      [ids, withPayloads, ...client],
    );
    const operations = rows.map((r) => ({ ...r, id: BigInt(r.id), blocked: false }));
    if (operations.length > 0) await this.markBlocked(tx, entries, operations);
    return { entries, operations };
  }

  /**
   * Ends a claim: its entries leave the queue, and `left` (claimed operations not applied, being
   * blocked) go back as new entries, per client and table, keyed by their first id, accepted when
   * their oldest was (the stalled-queue gauge reads that).
   */
  async finish(tx: PgTx, claim: Claim, left: ClaimedOperation[]): Promise<void> {
    if (claim.entries.length === 0) return;
    // The entries' clients named too: on Citus the delete then goes to their shards only.
    await tx.query(`DELETE FROM sync_queue WHERE operation_id = ANY($1::bigint[]) AND client_id = ANY($2::text[])`, [
      claim.entries.map((e) => e.operation_id),
      [...new Set(claim.entries.map((e) => e.client_id))],
    ]);
    if (left.length === 0) return;
    const acceptedAt = new Map<string, Date>(); // operation -> when its entry was accepted
    for (const e of claim.entries) for (const id of e.operation_ids) acceptedAt.set(id, e.created_at);
    await tx.query(
      `INSERT INTO sync_queue (operation_id, client_id, table_name, operation_ids, size, created_at)
       SELECT min(x.id), x.client_id, x.table_name, array_agg(x.id ORDER BY x.id), count(*), min(x.created_at)
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) AS x(id, client_id, table_name, created_at)
       GROUP BY x.client_id, x.table_name`,
      [
        left.map((op) => op.id.toString()),
        left.map((op) => op.client_id),
        left.map((op) => op.table_name),
        left.map((op) => acceptedAt.get(op.id.toString())),
      ],
    );
  }

  /**
   * Counts a failed batch against the entry at its head (the batch was rolled back, so the claim is
   * gone) and keeps the error for operators. At `maxAttempts`, the entry's operations still QUEUED
   * become ERROR with `clientError` and the entry leaves the queue. Returns the attempts counted (0:
   * the entry is gone) and how many operations became ERROR.
   */
  async recordFailure(
    entry: { operation_id: string; client_id: string },
    error: string,
    maxAttempts: number,
    clientError: string,
  ): Promise<{ attempts: number; failed: number }> {
    const { operation_id: key, client_id: clientId } = entry;
    return this.prisma.pgTransaction(async (tx) => {
      const { rows } = await tx.query<{ attempts: number; operation_ids: string[] }>(
        `UPDATE sync_queue SET attempts = attempts + 1, last_error = $2
         WHERE operation_id = $1::bigint AND client_id = $3 RETURNING attempts, operation_ids::text[]`,
        [key, error, clientId],
      );
      if (rows.length === 0) return { attempts: 0, failed: 0 };
      const [{ attempts, operation_ids: ids }] = rows;
      if (attempts < maxAttempts) return { attempts, failed: 0 };
      const failed = await tx.query(
        `UPDATE sync_operations SET status = 'ERROR', error = $2, updated_at = now()
         WHERE id = ANY($1::bigint[]) AND client_id = $3 AND status = 'QUEUED' RETURNING id`,
        [ids, clientError, clientId],
      );
      await tx.query(`DELETE FROM sync_queue WHERE operation_id = $1::bigint AND client_id = $2`, [key, clientId]);
      return { attempts, failed: failed.rows.length };
    });
  }

  /** Flags the claimed operations whose record has an older QUEUED operation in another entry. */
  private async markBlocked(tx: PgTx, entries: QueueEntry[], operations: ClaimedOperation[]): Promise<void> {
    const newest = operations[operations.length - 1].id;
    const clients = [...new Set(entries.map((e) => e.client_id))];
    const { rows: ahead } = await tx.query<{ operation_ids: string[] }>(
      this.perClient ? AHEAD_ENTRIES_OF_CLIENT : AHEAD_ENTRIES,
      [
        newest.toString(),
        entries.map((e) => e.operation_id),
        this.perClient ? clients[0] : clients,
        [...new Set(entries.map((e) => e.table_name))],
      ],
    );
    if (ahead.length === 0) return;
    const { rows } = await tx.query<{ id: string; client_id: string; table_name: string; record_id: string }>(
      this.perClient ? AHEAD_OPERATIONS_OF_CLIENT : AHEAD_OPERATIONS,
      [ahead.flatMap((e) => e.operation_ids), ...(this.perClient ? clients : [])],
    );
    const held = new Map<string, bigint>(); // record -> its oldest operation held elsewhere
    for (const op of rows) {
      const id = BigInt(op.id);
      const key = recordKey(op);
      const first = held.get(key);
      if (first === undefined || id < first) held.set(key, id);
    }
    for (const op of operations) {
      const first = held.get(recordKey(op));
      op.blocked = first !== undefined && first < op.id;
    }
  }
}

/** A record's identity across clients and tables. */
export function recordKey(op: { client_id: string; table_name: string; record_id: string }): string {
  return `${op.client_id}\u0000${op.table_name}\u0000${op.record_id}`;
}

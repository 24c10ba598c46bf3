import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { Tx } from '@app/database';

/** One partition of the operation log (sync_operation_partitions). */
export interface LogPartition {
  name: string;
  firstId: bigint;
  endId: bigint;
  startsAt: Date;
}

/** Each partition's id range: 2^40 ids, far more than a period can use, and 8,192 periods below 2^53. */
export const PARTITION_IDS = 1n << 40n;

/**
 * The operation log's partitions (docs/operation-log.md): listed in sync_operation_partitions,
 * created ahead, and the id sequence moved to the current period's range. Every method runs in
 * the caller's transaction, which holds the partitions job's advisory lock.
 */
@Injectable()
export class OperationLogPartitionsRepository {
  /** DATABASE_ENGINE=citus: partitions are created as such (Citus distributes them with the log). */
  private readonly citus: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.citus = config.databaseEngine === 'citus';
  }

  /** The partitions not retired, in id order (the column's, not its text's: from the eleventh on, text sorts them wrong). */
  async list(tx: Tx): Promise<LogPartition[]> {
    const rows = await tx.$queryRawUnsafe<{ name: string; first_id: string; end_id: string; starts_at: Date }[]>(
      `SELECT p.name, p.first_id::text AS first_id, p.end_id::text AS end_id, p.starts_at FROM sync_operation_partitions p
       WHERE p.retired_at IS NULL ORDER BY p.first_id`,
    );
    return rows.map((r) => ({
      name: r.name,
      firstId: BigInt(r.first_id),
      endId: BigInt(r.end_id),
      startsAt: r.starts_at,
    }));
  }

  /**
   * When the partition after `last` starts: a period after the start of the UTC month (or day)
   * `last` starts in (the first partition starts when the log did), but never before the
   * period after the one `now` is in (UTC months or days), so a log converted with years of
   * history, or a job that did not run for a while, does not create partitions for the past.
   */
  async nextStart(tx: Tx, last: LogPartition, period: string, now: Date): Promise<Date> {
    const [{ next }] = await tx.$queryRawUnsafe<{ next: Date }[]>(
      `WITH unit AS (SELECT CASE WHEN $2::interval >= '1 mon' THEN 'month' ELSE 'day' END AS u)
       SELECT greatest((date_trunc(u, $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') + $2::interval,
                       (date_trunc(u, $3::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') + $2::interval) AS next
       FROM unit`,
      last.startsAt,
      period,
      now,
    );
    return next;
  }

  /**
   * Creates the partition for ids [firstId, firstId + PARTITION_IDS) from `startsAt`: made as a
   * table like the log, then attached. Attaching takes a SHARE UPDATE EXCLUSIVE lock on the log
   * (reads and writes go on; CREATE TABLE ... PARTITION OF would take an exclusive one), and its
   * indexes and triggers come from the log's. lock_timeout: a tick waits for nobody for long.
   * The job operations' partition of the same range (jobPartitionOf) is made the same way with it.
   */
  async create(tx: Tx, firstId: bigint, startsAt: Date, fillfactor: number): Promise<LogPartition> {
    const [{ name }] = await tx.$queryRawUnsafe<{ name: string }[]>(
      `SELECT 'sync_operations_p' || to_char($1::timestamptz AT TIME ZONE 'UTC', 'YYYYMMDD') AS name`,
      startsAt,
    );
    const endId = firstId + PARTITION_IDS;
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
    // name: digits from a date; ids and fillfactor: integers (never from a request).
    const jobs = jobPartitionOf(name);
    if (this.citus) {
      // Citus distributes a partition created as one, co-located with its table; attaching a table
      // made apart deadlocks Citus inside a transaction. The tables' exclusive locks are held for
      // the statement (milliseconds, bounded by lock_timeout).
      await tx.$executeRawUnsafe(
        `CREATE TABLE "${name}" PARTITION OF sync_operations FOR VALUES FROM (${firstId}) TO (${endId})
           WITH (fillfactor = ${Number(fillfactor)})`,
      );
      await tx.$executeRawUnsafe(
        `CREATE TABLE "${jobs}" PARTITION OF sync_job_operations FOR VALUES FROM (${firstId}) TO (${endId})`,
      );
    } else {
      await this.createAndAttach(tx, name, firstId, endId, fillfactor);
      await tx.$executeRawUnsafe(
        `CREATE TABLE "${jobs}" (LIKE sync_job_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)`,
      );
      await tx.$executeRawUnsafe(
        `ALTER TABLE sync_job_operations ATTACH PARTITION "${jobs}" FOR VALUES FROM (${firstId}) TO (${endId})`,
      );
    }
    await tx.$executeRawUnsafe(
      `INSERT INTO sync_operation_partitions (name, first_id, end_id, starts_at) VALUES ($1, $2::bigint, $3::bigint, $4)`,
      name,
      firstId.toString(),
      endId.toString(),
      startsAt,
    );
    return { name, firstId, endId, startsAt };
  }

  /** Plain PostgreSQL: made as a table like the log, then attached (the log's lighter lock, see create). */
  private async createAndAttach(
    tx: Tx,
    name: string,
    firstId: bigint,
    endId: bigint,
    fillfactor: number,
  ): Promise<void> {
    await tx.$executeRawUnsafe(
      `CREATE TABLE "${name}" (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE
         INCLUDING COMPRESSION INCLUDING GENERATED) WITH (fillfactor = ${Number(fillfactor)})`,
    );
    await tx.$executeRawUnsafe(
      `ALTER TABLE sync_operations ATTACH PARTITION "${name}" FOR VALUES FROM (${firstId}) TO (${endId})`,
    );
  }

  /**
   * Moves the id sequence forward to `firstId` unless it is there already: operations logged from
   * now on go to that partition. Never backwards (ids only grow: the queue and every record's
   * history are in id order); an id taken just before stays in the previous partition.
   */
  async startAt(tx: Tx, firstId: bigint): Promise<boolean> {
    if ((await nextOperationId(tx)) >= firstId) return false;
    await tx.$queryRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('sync_operations', 'id'), $1::bigint, false)`,
      firstId.toString(),
    );
    return true;
  }
}

/**
 * The partition of sync_job_operations that goes with the log's partition `name`: the same id range
 * (a job row's id comes from the log's sequence, after its operations'; migration
 * 20261208011000_job_operations_partitions).
 */
export function jobPartitionOf(name: string): string {
  if (!/^sync_operations_p\d+$/.test(name)) throw new Error(`not an operation log partition: ${name}`);
  return name.replace(/^sync_operations_/, 'sync_job_operations_');
}

/** The id the next operation will get (the sequence's state; pg_sequence_last_value is null after setval(..., false)). */
export async function nextOperationId(tx: Pick<Tx, '$queryRawUnsafe'>): Promise<bigint> {
  const [{ seq }] = await tx.$queryRawUnsafe<{ seq: string }[]>(
    `SELECT pg_get_serial_sequence('sync_operations', 'id') AS seq`,
  );
  // seq: the catalog's own name of the log's sequence
  const [{ next }] = await tx.$queryRawUnsafe<{ next: string }[]>(
    `SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${seq}`,
  );
  return BigInt(next);
}

import { Injectable } from '@nestjs/common';
import { PgTx, PrismaService, Tx } from '@app/database';
import { OperationNote } from '../operation-notes';
import { jobPartitionOf, nextOperationId } from './operation-log-partitions.repository';

/** What the steps need of a transaction: raw statements (Prisma's, or a node-pg one through rawOf). */
export type RawTx = Pick<Tx, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** A node-pg transaction (PrismaService.pgTransaction: no ORM timeout) as a RawTx. */
export function rawOf(tx: PgTx): RawTx {
  return {
    $queryRawUnsafe: (async (sql: string, ...values: unknown[]) =>
      (await tx.query(sql, values)).rows) as RawTx['$queryRawUnsafe'],
    $executeRawUnsafe: (async (sql: string, ...values: unknown[]) => {
      await tx.query(sql, values);
      return 0;
    }) as RawTx['$executeRawUnsafe'],
  };
}

/** A partition retention may retire: past the id sequence (nothing new goes to it), oldest first. */
export interface RetirablePartition {
  name: string;
  /** Its newest operation's time (by id), null when it is empty. */
  newest: Date | null;
  /** Exported by `npm run archive -- export`. */
  archived: boolean;
}

/**
 * Retention's SQL (docs/operation-log.md). Partition names come from sync_operation_partitions,
 * written only by the partitions job (`sync_operations_p<digits>`), never from a request.
 */
@Injectable()
export class OperationLogRetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Partitions not retired that operations no longer go to (ids wholly below the sequence), oldest first. */
  async retirable(): Promise<RetirablePartition[]> {
    const next = await nextOperationId(this.prisma);
    const partitions = await this.prisma.$queryRawUnsafe<{ name: string; archived: boolean }[]>(
      `SELECT name, archived_at IS NOT NULL AS archived FROM sync_operation_partitions
       WHERE retired_at IS NULL AND end_id <= $1::bigint ORDER BY first_id`,
      next.toString(),
    );
    const out: RetirablePartition[] = [];
    for (const { name, archived } of partitions) {
      const [row] = await this.prisma.$queryRawUnsafe<{ created_at: Date }[]>(
        `SELECT created_at FROM "${safe(name)}" ORDER BY id DESC LIMIT 1`,
      );
      out.push({ name, newest: row?.created_at ?? null, archived });
    }
    return out;
  }

  /**
   * Writes what the status decision table needs of the partition's records into
   * sync_record_heads (per record, its newest operation here and its newest one that took
   * effect), unless it holds a QUEUED or PROCESSING operation: then nothing, and false. Writes to
   * the partition wait meanwhile (SHARE lock; none are expected: nothing new goes to it), reads go on.
   */
  async summarize(tx: RawTx, name: string): Promise<boolean> {
    const table = `"${safe(name)}"`;
    await tx.$executeRawUnsafe(`LOCK TABLE ${table} IN SHARE MODE`);
    const [{ busy }] = await tx.$queryRawUnsafe<{ busy: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM ${table} WHERE status IN ('QUEUED', 'PROCESSING')) AS busy`,
    );
    if (busy) return false;
    // No function in DO UPDATE (Citus refuses one that is not IMMUTABLE): archived_at is the insert's default.
    const newer = (column: string) =>
      `${column} = CASE WHEN EXCLUDED.operation_id > h.operation_id THEN EXCLUDED.${column} ELSE h.${column} END`;
    const newerApplied = (column: string) =>
      `${column} = CASE WHEN coalesce(EXCLUDED.applied_id > h.applied_id, EXCLUDED.applied_id IS NOT NULL) THEN EXCLUDED.${column} ELSE h.${column} END`;
    await tx.$executeRawUnsafe(
      `INSERT INTO sync_record_heads AS h (client_id, table_name, record_id, operation_id, operation, status, batch_version, created_at, applied_id, applied)
       SELECT n.client_id, n.table_name, n.record_id, n.id, n.operation, n.status, n.batch_version, n.created_at, a.id, a.operation
       FROM (SELECT DISTINCT ON (client_id, table_name, record_id) client_id, table_name, record_id, id, operation, status, batch_version, created_at
             FROM ${table} ORDER BY client_id, table_name, record_id, id DESC) n
       LEFT JOIN (SELECT DISTINCT ON (client_id, table_name, record_id) client_id, table_name, record_id, id, operation
                  FROM ${table} WHERE status = 'COMPLETED' AND note IS DISTINCT FROM $1
                  ORDER BY client_id, table_name, record_id, id DESC) a
         ON a.client_id = n.client_id AND a.table_name = n.table_name AND a.record_id = n.record_id
       ON CONFLICT (client_id, table_name, record_id) DO UPDATE SET
         ${['operation', 'status', 'batch_version', 'created_at'].map(newer).join(', ')},
         ${['applied', 'applied_id'].map(newerApplied).join(', ')},
         ${newer('operation_id')}, archived_at = EXCLUDED.archived_at`,
      OperationNote.StaleVersionIgnored,
    );
    await this.summarizeJobs(tx, name);
    await tx.$executeRawUnsafe(`UPDATE sync_operation_partitions SET summarized_at = now() WHERE name = $1`, name);
    return true;
  }

  /**
   * Moves the job rows of the partition's range into their jobs' heads, adding to each job's
   * `archived` count: a job row's id is drawn after its operations', so every operation it lists is
   * in this partition or an older one, all retired.
   * Deleted here, so that a summary run again after a drop that timed out counts nothing twice.
   */
  private async summarizeJobs(tx: RawTx, name: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `WITH gone AS (DELETE FROM "${jobPartitionOf(name)}" RETURNING client_id, queue_id, operation_ids, created_at)
       INSERT INTO sync_job_heads AS h (client_id, queue_id, archived, accepted_at, last_change_at)
       SELECT client_id, queue_id, sum(cardinality(operation_ids)), min(created_at), max(created_at) FROM gone
       GROUP BY client_id, queue_id
       ON CONFLICT (client_id, queue_id) DO UPDATE SET archived = h.archived + EXCLUDED.archived,
         accepted_at = least(h.accepted_at, EXCLUDED.accepted_at), last_change_at = greatest(h.last_change_at, EXCLUDED.last_change_at)`,
    );
  }

  /**
   * Drops a summarized partition, and the job operations' partition of its range with it.
   * Dropping takes an exclusive lock on the log (and on sync_job_operations) for as long as the
   * drop takes (milliseconds); lock_timeout bounds how long the request may wait in the queue (and
   * hold up the hot paths behind it): past it, this tick gives up and the next one tries again.
   */
  async drop(tx: RawTx, name: string): Promise<void> {
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '500ms'`);
    await tx.$executeRawUnsafe(`DROP TABLE "${safe(name)}"`);
    await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS "${jobPartitionOf(name)}"`);
    await tx.$executeRawUnsafe(`UPDATE sync_operation_partitions SET retired_at = now() WHERE name = $1`, name);
  }
}

/** A partition's name, checked once more before it goes into SQL text. */
function safe(name: string): string {
  if (!/^sync_operations_p\d+$/.test(name)) throw new Error(`not an operation log partition: ${name}`);
  return name;
}

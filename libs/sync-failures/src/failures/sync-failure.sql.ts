import { Prisma } from '@app/database';

/** A sync_failures row as raw queries return it. */
export interface SyncFailureRow {
  id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  error: string;
  payload: string | null;
  retry_count: number;
  last_retry_at: Date | null;
  created_at: Date;
  updated_at: Date;
  client_id: string;
  table_name: string;
  record_id: string;
  operation_id: bigint | null;
  next_retry_at: Date | null;
}

/** A sync_failures row as the admin views read it: with the device of its operation (null: unknown, or the operation retired). */
export interface SyncFailureView extends SyncFailureRow {
  device_id: string | null;
}

/** The columns of a SyncFailureRow, as text (node-pg statements) and as a Prisma fragment. */
export const FAILURE_COLUMN_LIST = `id, entity_type, entity_id, action, error, payload, retry_count, last_retry_at, created_at, updated_at,
  client_id, table_name, record_id, operation_id, next_retry_at`;
export const FAILURE_COLUMNS = Prisma.raw(FAILURE_COLUMN_LIST);

/**
 * The device of a failure's operation, looked up at read time (admin views only): a lookup by the
 * log's id prunes to one partition. The delivery path writes nothing more for it. The client named
 * too: on Citus the two tables are joined on their distribution column (else "complex joins").
 */
export const FAILURE_DEVICE = Prisma.sql`(SELECT o.device_id FROM sync_operations o
  WHERE o.id = sync_failures.operation_id AND o.client_id = sync_failures.client_id) AS device_id`;

/** What the admin endpoints filter on. `critical`: waiting for manual intervention. */
export interface FailureFilter {
  entityType?: string;
  entityId?: string;
  critical?: boolean;
}

/**
 * Critical (waiting for manual intervention) = retried `maxRetries` times, or no retry scheduled
 * (a permanent refusal, or the maximum reached).
 */
export function failureWhere(filter: FailureFilter, maxRetries: number): Prisma.Sql {
  const parts = [Prisma.sql`TRUE`];
  if (filter.entityType !== undefined) parts.push(Prisma.sql`entity_type = ${filter.entityType}`);
  if (filter.entityId !== undefined) parts.push(Prisma.sql`entity_id = ${filter.entityId}`);
  if (filter.critical === true) parts.push(Prisma.sql`(retry_count >= ${maxRetries} OR next_retry_at IS NULL)`);
  if (filter.critical === false) parts.push(Prisma.sql`(retry_count < ${maxRetries} AND next_retry_at IS NOT NULL)`);
  return Prisma.join(parts, ' AND ');
}

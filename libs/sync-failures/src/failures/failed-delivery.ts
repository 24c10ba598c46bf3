import { SyncFailureRow, SyncFailureView } from './sync-failure.sql';

/** A failed delivery as the admin endpoints and the retry see it (a sync_failures row, read). */
export interface FailedDelivery {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  error: string;
  /** What the last attempt sent: the stored JSON, or the text as it is when it is not JSON (edited by hand). */
  payload: unknown;
  retryCount: number;
  lastRetryAt: Date | null;
  nextRetryAt: Date | null;
  /** Waiting for manual intervention. */
  critical: boolean;
  clientId: string;
  tableName: string;
  recordId: string;
  /** The operation log id, as a string (a bigint does not fit a JSON number). */
  operationId: string | null;
  /** The device that made that operation (null: unknown, or the operation was retired). */
  deviceId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Critical (waiting for manual intervention) = retried `maxRetries` times, or no retry scheduled
 * (a permanent refusal, or the maximum reached). failureWhere's `critical` filter says the same in SQL.
 */
export function isCritical(row: Pick<SyncFailureRow, 'retry_count' | 'next_retry_at'>, maxRetries: number): boolean {
  return row.retry_count >= maxRetries || row.next_retry_at === null;
}

export function toFailedDelivery(row: SyncFailureView, maxRetries: number): FailedDelivery {
  return {
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    error: row.error,
    payload: parseJson(row.payload),
    retryCount: row.retry_count,
    lastRetryAt: row.last_retry_at,
    nextRetryAt: row.next_retry_at,
    critical: isCritical(row, maxRetries),
    clientId: row.client_id,
    tableName: row.table_name,
    recordId: row.record_id,
    operationId: row.operation_id?.toString() ?? null,
    deviceId: row.device_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Payloads are stored as text; a hand-edited one may not be JSON, so it is kept as it is. */
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

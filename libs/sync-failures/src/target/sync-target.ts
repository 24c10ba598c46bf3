import { OperationType } from '@app/database';

/** What a target receives for one change: the external system's view of a record. */
export interface SyncMessage {
  /** The external system's name for the table (SYNCED_TABLES: venta → SALE, devolucion → RETURN). */
  entityType: string;
  /** `<client id>:<record id>`: record ids are only unique per client. */
  entityId: string;
  action: OperationType;
  clientId: string;
  /** The change's payload as JSON text (what the request carries; an outbox entry's is sent as ingest wrote it, never parsed). */
  payloadJson: string;
  /** The operation log id of the change, as a string (a bigint does not fit a JSON number). */
  operationId: string | null;
  /** Lets the receiver drop a delivery it has already applied (a retry after a lost answer). */
  idempotencyKey: string;
}

/**
 * How one delivery went. `temporary` failures are retried with backoff; `permanent` ones (the
 * receiver refused the change itself) wait for a person, because sending it again cannot help.
 */
export type DeliveryResult =
  | { kind: 'delivered' }
  | { kind: 'temporary'; error: string; retryAfterMs?: number }
  | { kind: 'permanent'; error: string };

/**
 * Where changes go. The HTTP API of the external system is one implementation; a message queue or
 * another ERP is one more class bound to this token in SyncDeliveryModule.
 * `deliver` never throws: every failure is a DeliveryResult.
 */
export abstract class SyncTarget {
  /** False when the target is not configured: nothing is claimed, delivered or retried. */
  abstract get enabled(): boolean;

  /** The most messages one `deliver` call carries (EXTERNAL_SYNC_BATCH_SIZE; 1: one change per request). */
  abstract get batchSize(): number;

  /**
   * Sends up to `batchSize` messages in one request (never two of one record: a round claims a
   * record's oldest change only). One result per message, in the same order.
   */
  abstract deliver(messages: SyncMessage[]): Promise<DeliveryResult[]>;
}

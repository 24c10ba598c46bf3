import { SyncMessage } from './sync-target';

/** Record ids are unique per client only; the external system needs one id per entity. */
export function entityIdOf(clientId: string, recordId: string): string {
  return `${clientId}:${recordId}`;
}

/** A DELETE's payload, wherever it is built (ingest's outbox entry, a retry of a deleted record). */
export function deletePayload(hashId: string, ver: number): Record<string, unknown> {
  return { _hash_id: hashId, _ver: ver };
}

/** A CREATE/UPDATE's payload: the record's own fields with its id and version. */
export function rowPayload(hashId: string, ver: number, data: Record<string, unknown>): Record<string, unknown> {
  return { _hash_id: hashId, _ver: ver, ...data };
}

export interface MessageParts {
  entityType: string;
  entityId: string;
  clientId: string;
  action: SyncMessage['action'];
  /** An object, or its JSON text as stored (an outbox entry's). */
  payload: Record<string, unknown> | string;
  /** The operation that made the change (an id, or its text); null for a failure written by hand. */
  operationId: bigint | string | null;
  /** The idempotency key when there is no operation id. */
  fallbackKey: string;
}

/** The one place a SyncMessage is put together: the operation id is also the idempotency key. */
export function syncMessage(parts: MessageParts): SyncMessage {
  const operationId = parts.operationId?.toString() ?? null;
  const { entityType, entityId, clientId, action, payload } = parts;
  return {
    entityType,
    entityId,
    action,
    clientId,
    payloadJson: typeof payload === 'string' ? payload : JSON.stringify(payload),
    operationId,
    idempotencyKey: operationId ?? parts.fallbackKey,
  };
}

import { SyncMessage } from './sync-target';

/** One change as the receiver reads it (docs/external-sync.md "The request"). */
function fields(message: SyncMessage) {
  return {
    entity_type: message.entityType,
    entity_id: message.entityId,
    action: message.action,
    client_id: message.clientId,
    payload: message.payload,
    operation_id: message.operationId,
  };
}

/** One change per request: the object alone (its key travels in the Idempotency-Key header). */
export function singleBody(message: SyncMessage): string {
  return JSON.stringify(fields(message));
}

/** Batch mode: a JSON array of the same objects, each with its own `idempotency_key`. */
export function batchBody(messages: SyncMessage[]): string {
  return JSON.stringify(messages.map((m) => ({ ...fields(m), idempotency_key: m.idempotencyKey })));
}

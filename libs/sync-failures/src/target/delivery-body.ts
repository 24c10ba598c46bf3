import { SyncMessage } from './sync-target';

/**
 * One change as the receiver reads it (docs/external-sync.md "The request"): `{"entity_type",
 * "entity_id","action","client_id","payload","operation_id"}`, written as JSON.stringify would
 * write that object, with the payload's JSON text put in as it is (never parsed and written again).
 */
function open(message: SyncMessage): string {
  return (
    `{"entity_type":${JSON.stringify(message.entityType)},"entity_id":${JSON.stringify(message.entityId)}` +
    `,"action":${JSON.stringify(message.action)},"client_id":${JSON.stringify(message.clientId)}` +
    `,"payload":${message.payloadJson},"operation_id":${JSON.stringify(message.operationId)}`
  );
}

/** One change per request: the object alone (its key travels in the Idempotency-Key header). */
export function singleBody(message: SyncMessage): string {
  return `${open(message)}}`;
}

/** Batch mode: a JSON array of the same objects, each with its own `idempotency_key`. */
export function batchBody(messages: SyncMessage[]): string {
  let body = '[';
  for (let i = 0; i < messages.length; i++)
    body += `${i === 0 ? '' : ','}${open(messages[i])},"idempotency_key":${JSON.stringify(messages[i].idempotencyKey)}}`;
  return `${body}]`;
}

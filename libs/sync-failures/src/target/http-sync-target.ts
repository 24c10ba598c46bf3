import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { classifyResponse, describeNetworkError, isTemporaryStatus } from './delivery-result';
import { DeliveryResult, SyncMessage, SyncTarget } from './sync-target';

/**
 * Delivers by `POST EXTERNAL_SYNC_URL` with a JSON body and an `Idempotency-Key` header, giving up
 * after EXTERNAL_SYNC_TIMEOUT (which also bounds reading the answer).
 */
@Injectable()
export class HttpSyncTarget extends SyncTarget {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  get enabled(): boolean {
    return this.config.externalSyncUrl !== undefined;
  }

  async deliver(message: SyncMessage): Promise<DeliveryResult> {
    const url = this.config.externalSyncUrl;
    if (url === undefined) return { kind: 'temporary', error: 'EXTERNAL_SYNC_URL is not set' };
    const timeoutMs = this.config.externalSyncTimeoutMs;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.idempotencyKey },
        body: JSON.stringify({
          entity_type: message.entityType,
          entity_id: message.entityId,
          action: message.action,
          client_id: message.clientId,
          payload: message.payload,
          operation_id: message.operationId,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const refused = response.status >= 400 && response.status < 500 && !isTemporaryStatus(response.status);
      // Read the body only where it explains a refusal; otherwise release the connection at once.
      const body = refused ? await response.text() : (await response.body?.cancel(), '');
      return classifyResponse(
        response.status,
        response.statusText,
        response.headers.get('retry-after'),
        this.clock.now(),
        body,
      );
    } catch (error) {
      return { kind: 'temporary', error: describeNetworkError(error, timeoutMs) };
    }
  }
}

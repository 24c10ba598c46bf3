import { classifyResponse } from './delivery-result';
import { DeliveryResult, SyncMessage } from './sync-target';

/** One entry of a batch answer's `results` (docs/external-sync.md "The receiver's answer"). */
interface MessageAnswer {
  idempotency_key?: unknown;
  status?: unknown;
  error?: unknown;
  retry_after?: unknown;
}

const NO_ANSWER = 'No answer for this message in the batch response';

/**
 * A 2xx answer to a batch, per message. A body `{"results":[{"idempotency_key","status",
 * "error"?,"retry_after"?}]}` answers each message by its key, its `status` read like an HTTP
 * status (2xx delivered, 408/429/5xx temporary, others permanent); a message it does not answer is
 * a temporary failure (sent again with the same key). Any other 2xx body (empty, plain text, JSON
 * without `results`) means every message was delivered.
 */
export function readBatchAnswer(messages: SyncMessage[], body: string, now: Date): DeliveryResult[] {
  const answers = resultsOf(body);
  if (!answers) return messages.map(() => ({ kind: 'delivered' }));
  const byKey = new Map<string, MessageAnswer>();
  for (const answer of answers)
    if (answer && typeof answer === 'object' && answer.idempotency_key !== undefined)
      byKey.set(String(answer.idempotency_key), answer);
  return messages.map((message) => {
    const answer = byKey.get(message.idempotencyKey);
    const status = Number(answer?.status);
    if (!answer || !Number.isInteger(status) || status < 100 || status > 599)
      return { kind: 'temporary', error: NO_ANSWER };
    const retryAfter = answer.retry_after === undefined ? null : String(answer.retry_after);
    const reason = typeof answer.error === 'string' ? answer.error : '';
    const result = classifyResponse(status, '', retryAfter, now, reason);
    // classifyResponse keeps the receiver's reason for refusals only; a temporary one says why too.
    return result.kind === 'temporary' && reason
      ? { ...result, error: `${result.error} - ${reason.slice(0, 300)}` }
      : result;
  });
}

function resultsOf(body: string): MessageAnswer[] | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as { results?: unknown };
    return Array.isArray(parsed?.results) ? (parsed.results as MessageAnswer[]) : undefined;
  } catch {
    return undefined;
  }
}

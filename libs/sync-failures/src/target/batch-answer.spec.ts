import { readBatchAnswer } from './batch-answer';
import { SyncMessage } from './sync-target';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const message = (key: string): SyncMessage => ({
  entityType: 'SALE',
  entityId: `MTY_001:${key}`,
  action: 'CREATE',
  clientId: 'MTY_001',
  payloadJson: '{}',
  operationId: key,
  idempotencyKey: key,
});
const messages = ['1', '2', '3'].map(message);

describe(readBatchAnswer.name, () => {
  it.each(['', 'OK', '{"ok":true}', '[1,2]', '{"results":"no"}', '{not json'])(
    'a 2xx body %p delivers every message',
    (body) => {
      expect(readBatchAnswer(messages, body, NOW)).toEqual([
        { kind: 'delivered' },
        { kind: 'delivered' },
        { kind: 'delivered' },
      ]);
    },
  );

  it('answers each message by its key, in any order, statuses read like HTTP statuses', () => {
    const body = JSON.stringify({
      results: [
        { idempotency_key: '3', status: 422, error: 'total must be positive' },
        { idempotency_key: '1', status: 201 },
        { idempotency_key: 2, status: 429, retry_after: 60, error: 'slow down' },
      ],
    });
    expect(readBatchAnswer(messages, body, NOW)).toEqual([
      { kind: 'delivered' },
      { kind: 'temporary', error: 'HTTP 429: Too Many Requests - slow down', retryAfterMs: 60_000 },
      { kind: 'permanent', error: 'HTTP 422: Unprocessable Entity - total must be positive' },
    ]);
  });

  it('makes a message left unanswered, or answered with no valid status, a temporary failure', () => {
    const body = JSON.stringify({
      results: [
        { idempotency_key: '1', status: 200 },
        { idempotency_key: '2', status: 'ok' },
      ],
    });
    const noAnswer = { kind: 'temporary', error: 'No answer for this message in the batch response' };
    expect(readBatchAnswer(messages, body, NOW)).toEqual([{ kind: 'delivered' }, noAnswer, noAnswer]);
  });
});

import { STATUS_CODES } from 'node:http';

/** What Swagger UI shows for an error answer: the message the API really gives for that status. */
type Example = { message: string; details?: string[] };

const REQUEST_ID = '5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a';

/**
 * One example per error status, the message taken from the code that answers it (guards, the
 * table pipe, the body parser, the error mapping, the async queue). Without these every error
 * answer showed the 400 example that ErrorResponseDto's own property examples make.
 */
export function errorExample(
  status: string,
  context: { path: string; admin: boolean; description: string; bodyLimitBytes: number },
): object {
  const chosen = exampleFor(Number(status), context);
  const statusCode = Number(status);
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', ...chosen, requestId: REQUEST_ID };
}

function exampleFor(
  status: number,
  {
    path,
    admin,
    description,
    bodyLimitBytes,
  }: { path: string; admin: boolean; description: string; bodyLimitBytes: number },
): Example {
  switch (status) {
    case 400:
      return { message: 'id must be a non-empty string', details: ['id must be a non-empty string'] };
    case 401:
      return { message: admin ? 'Invalid admin token' : 'Unknown client key' };
    case 404:
      return path.startsWith('/sync-failures')
        ? { message: 'Sync failure 42 not found' }
        : { message: 'Unknown table "ventas". Synced tables: venta, devolucion' };
    case 413:
      return { message: `Request body is larger than the limit of ${bodyLimitBytes} bytes` };
    case 415:
      return { message: 'Unsupported Content-Type: send application/json' };
    case 408:
      return { message: 'The request did not arrive whole in time' }; // client-error.ts
    case 431:
      return { message: 'The request headers are too large' };
    case 503:
      return /queue/i.test(description)
        ? { message: 'The asynchronous queue is full: retry after 5 s, or send synchronously' }
        : { message: 'Database unavailable, please retry shortly' };
    case 409:
      return path.startsWith('/sync-failures')
        ? { message: 'External sync is not configured (EXTERNAL_SYNC_URL is not set)' }
        : { message: description };
    default:
      // A status a route documents on its own: its description is the best message we know.
      return { message: description };
  }
}

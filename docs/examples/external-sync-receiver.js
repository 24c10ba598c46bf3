// A minimal receiver for resync's external sync, in both modes (docs/external-sync.md): one change
// per request (an object, key in the Idempotency-Key header) or a batch (a JSON array, each change
// with its idempotency_key), answered per message. It applies each key once (a retry or a resend
// after a crash carries the same key) and refuses a change it cannot apply with 422.
// Run: node docs/examples/external-sync-receiver.js 4000, then EXTERNAL_SYNC_URL=http://127.0.0.1:4000/sync
const { createServer } = require('node:http');

/** What the ERP would do with one change; here: remember it, refuse one without a record id. */
function apply(store, change) {
  if (store.applied.has(change.key)) return { status: 200 }; // already applied: the same answer again
  if (typeof change.payload?._hash_id !== 'string') return { status: 422, error: 'payload._hash_id is required' };
  store.applied.set(change.key, change);
  return { status: 200 };
}

function createReceiver(store = { applied: new Map() }) {
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return response.writeHead(400).end('{"error":"not JSON"}');
      }
      const reply = (status, answer) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (!Array.isArray(body)) {
        // One change per request: the HTTP status is the answer.
        const { status, error } = apply(store, { ...body, key: request.headers['idempotency-key'] });
        return reply(status, error ? { error } : { ok: true });
      }
      // A batch: 200, and one answer per change, by its key.
      const results = body.map((change) => ({
        idempotency_key: change.idempotency_key,
        ...apply(store, { ...change, key: change.idempotency_key }),
      }));
      reply(200, { results });
    });
  });
  return { server, store };
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? 4000);
  createReceiver().server.listen(port, '127.0.0.1', () => console.log(`receiver on http://127.0.0.1:${port}/sync`));
}

module.exports = { createReceiver };

#!/usr/bin/env node
// `npm run fake-erp -- [options]`: a stand-in external system for development, so the operator
// guide (docs/operations.md, "Sync failures") can be followed without a real ERP. It accepts the
// deliveries resync POSTs to EXTERNAL_SYNC_URL, or fails them on demand, and prints one line per
// delivery. Never for production: it keeps nothing.
const { createServer } = require('node:http');

const HELP = `Usage: npm run fake-erp -- [--port 4000] [--fail 50%] [--fail-id <record id>] [--status 503]

  --port N          listen on 127.0.0.1:N (default 4000); resync: EXTERNAL_SYNC_URL=http://127.0.0.1:N/sync
  --fail P%         fail this share of deliveries at random (default 0%)
  --fail-id ID      fail every delivery of the record ID (its entity_id ends with ":ID"); repeatable
  --status CODE     the status of a failure (default 503: temporary, retried with backoff;
                    4xx such as 422: permanent, waits for a person at once)
GET / answers the last 100 deliveries as JSON.`;

function parseArgs(argv) {
  const options = { port: 4000, failShare: 0, failIds: new Set(), status: 503 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (argv[i + 1] === undefined) usage(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--port':
        options.port = integer(value(), 0, 65535, '--port');
        break;
      case '--fail': {
        const text = value();
        const match = /^(\d{1,3}(?:\.\d+)?)%?$/.exec(text);
        if (!match || Number(match[1]) > 100) usage(`--fail takes a percentage from 0% to 100%, got "${text}"`);
        options.failShare = Number(match[1]) / 100;
        break;
      }
      case '--fail-id':
        options.failIds.add(value());
        break;
      case '--status':
        options.status = integer(value(), 400, 599, '--status');
        break;
      case '--help':
      case '-h':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        usage(`Unknown option ${argv[i]}`);
    }
  }
  return options;
}

function integer(text, min, max, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    usage(`${name} takes an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

function usage(problem) {
  console.error(`${problem}\n\n${HELP}`);
  process.exit(2);
}

/** The deliveries in a request body: one message, or several (an array, or { messages: [...] }). */
function messagesOf(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.messages)) return body.messages;
  return [body];
}

function start(options) {
  const recent = [];
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      return response.end(JSON.stringify(recent));
    }
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      let messages;
      try {
        messages = messagesOf(JSON.parse(text));
      } catch {
        response.writeHead(400, { 'Content-Type': 'text/plain' });
        return response.end('Malformed JSON');
      }
      const named = messages.some((m) => [...options.failIds].some((id) => String(m?.entity_id).endsWith(`:${id}`)));
      const fail = named || Math.random() < options.failShare;
      const status = fail ? options.status : 200;
      const key = request.headers['idempotency-key'] ?? '-';
      for (const m of messages) {
        recent.push({ at: new Date().toISOString(), status, idempotency_key: key, message: m });
        console.log(`${status} ${m?.action ?? '?'} ${m?.entity_type ?? '?'} ${m?.entity_id ?? '?'} key ${key}`);
      }
      recent.splice(0, Math.max(0, recent.length - 100));
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(fail ? { error: 'refused by fake-erp (development only)' } : { ok: true }));
    });
  });
  server.once('error', (error) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `fake-erp: port ${options.port} is in use (another fake-erp, or the API?): choose another with --port`
        : `fake-erp: cannot listen on port ${options.port}: ${error.message}`,
    );
    process.exit(1);
  });
  server.listen(options.port, '127.0.0.1', () => {
    const { port } = server.address();
    const failing = [
      options.failShare > 0 ? `${options.failShare * 100}% at random` : '',
      options.failIds.size > 0 ? `records ${[...options.failIds].join(', ')}` : '',
    ].filter(Boolean);
    console.log(
      `fake-erp listening: EXTERNAL_SYNC_URL=http://127.0.0.1:${port}/sync` +
        (failing.length ? ` (failing with ${options.status}: ${failing.join('; ')})` : ' (accepting everything)'),
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

start(parseArgs(process.argv.slice(2)));

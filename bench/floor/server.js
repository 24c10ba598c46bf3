#!/usr/bin/env node
// The "HTTP floor": a bare Fastify + node-pg server doing the single-record work of POST /items
// (check the bearer key, parse the JSON body, insert the row and its operation in ONE statement,
// answer like the API) and nothing else: no Nest, no validation, no logging. What the API's
// single-record ingest is compared with in `npm run bench` (scenario ingest-1-http-floor).
// Env: PORT, DATABASE_URL, API_KEY, POOL_SIZE.
const fastify = require('fastify')({ bodyLimit: 5 * 1024 * 1024 });
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const AUTH = `Bearer ${process.env.API_KEY}`;
const CLIENT = 'MTY_001';

// Row and operation in one statement, as the API's hot path does (a duplicate is noted).
const INSERT = `
  WITH r AS (
    INSERT INTO venta (_client_id, _hash_id, _ver, data) VALUES ($1, $2, $3, $4::jsonb)
    ON CONFLICT DO NOTHING RETURNING 1)
  INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, note)
  SELECT 'venta', $2, $1, $3, 'CREATE', 'COMPLETED', CASE WHEN EXISTS (SELECT 1 FROM r) THEN NULL ELSE 'Duplicate bypassed' END
  RETURNING id::text, note`;

fastify.post('/items', async (request, reply) => {
  if (request.headers.authorization !== AUTH)
    return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Unknown client key' });
  const { id, ver = 1, id_cola: _queue, ...fields } = request.body ?? {};
  if (typeof id !== 'string' || id.length === 0)
    return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'id is required' });
  const { rows } = await pool.query(INSERT, [CLIENT, id, ver, JSON.stringify(fields)]);
  return {
    status: 'success',
    ...(rows[0].note ? { note: rows[0].note } : {}),
    hash_id: id,
    operation: 'CREATE',
    operation_id: rows[0].id,
  };
});

fastify.get('/health', async () => ({ status: 'ok' }));

const stop = () =>
  fastify
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error) => {
  console.error(error);
  process.exit(1);
});

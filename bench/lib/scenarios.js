// The benchmark scenarios. Each measures the API over HTTP and, in the same run and at the same
// concurrency, node-pg doing the same work directly; each checks what it wrote.
const { API_KEY, query } = require('./infra');
const { http, sqlLoop } = require('./load');

const auth = { authorization: `Bearer ${API_KEY}` };
let sequence = 0;
const nextId = (prefix) => `${prefix}-${process.pid}-${++sequence}`;
const record = (id) => ({
  id, ver: 1, total: 125.5, subtotal: 108.19, tax: 17.31, currency: 'MXN', store: 'MTY-centro',
  cashier: 7, paid: true, customer: 'Juan Pérez', items: [{ sku: 'A-100', qty: 2, price: 50 }, { sku: 'B-7', qty: 1, price: 25.5 }],
});
const fields = (r) => { const { id, ver, ...rest } = r; return JSON.stringify(rest); };

async function counts(url) {
  const { rows } = await query(url, 'SELECT (SELECT count(*) FROM venta)::int AS rows, (SELECT count(*) FROM sync_operations)::int AS ops');
  return rows[0];
}

/** API: batches of `size` new records (POST /items for one). */
async function apiIngest(ctx, app, url, size, label) {
  {
    const body = size === 1 ? () => JSON.stringify(record(nextId('a'))) : () => JSON.stringify({ operations: Array.from({ length: size }, () => ({ operation: 'CREATE', record: record(nextId('a')) })) });
    const before = await counts(url);
    const r = await http({ url: app.url, path: size === 1 ? '/items' : '/tables/venta/batch', headers: auth, body, connections: ctx.connections, seconds: ctx.seconds, label });
    const after = await counts(url);
    const written = after.rows - before.rows;
    if (written < r.requests * size || after.ops - before.ops !== written) throw new Error(`${label}: ${r.requests * size} records acknowledged, ${written} rows and ${after.ops - before.ops} operations written`);
    return { rate: (r.requests * size) / r.seconds, p50: r.p50, p99: r.p99, peakMiB: app.peakMemoryMiB() };
  }
}

/** Baseline: the same rows and operation rows, one transaction per batch, multi-row statements. */
async function sqlIngest(ctx, url, size, label) {
  const before = await counts(url);
  const r = await sqlLoop({
    url, connections: ctx.connections, seconds: ctx.seconds, label,
    work: async (client) => {
      const batch = Array.from({ length: size }, () => record(nextId('b')));
      const ids = batch.map((x) => x.id);
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT 'MTY_001', i, 1, d::jsonb FROM unnest($1::text[], $2::text[]) AS x(i, d) ON CONFLICT DO NOTHING`,
        [ids, batch.map(fields)],
      );
      await client.query(
        `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status) SELECT 'venta', i, 'MTY_001', 1, 'CREATE', 'COMPLETED' FROM unnest($1::text[]) AS i`,
        [ids],
      );
      await client.query('COMMIT');
    },
  });
  const after = await counts(url);
  if (after.rows - before.rows !== r.calls * size) throw new Error(`${label}: wrote ${after.rows - before.rows} rows for ${r.calls * size}`);
  return { rate: (r.calls * size) / r.seconds };
}

/** The product document's style: per record INSERT, catch the duplicate, log; a round trip each. */
async function rowByRow(ctx, url, label) {
  const r = await sqlLoop({
    url, connections: ctx.connections, seconds: ctx.seconds, label,
    work: async (client) => {
      const x = record(nextId('r'));
      let note = null;
      try {
        await client.query(`INSERT INTO venta (_client_id, _hash_id, _ver, data) VALUES ('MTY_001', $1, 1, $2::jsonb)`, [x.id, fields(x)]);
      } catch (error) {
        if (error.code !== '23505') throw error;
        note = 'Duplicate bypassed';
      }
      await client.query(`INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, note) VALUES ('venta', $1, 'MTY_001', 1, 'CREATE', 'COMPLETED', $2)`, [x.id, note]);
    },
  });
  return { rate: r.calls / r.seconds };
}

/** Existing records to ask about: rows and operations written directly. */
async function seedForStatus(url, count) {
  await query(url, `INSERT INTO venta (_client_id, _hash_id, _ver, data) SELECT 'MTY_001', 's-' || g, 1, '{"total":1}' FROM generate_series(1, $1) g`, [count]);
  await query(url, `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status) SELECT 'venta', 's-' || g, 'MTY_001', 1, 'CREATE', 'COMPLETED' FROM generate_series(1, $1) g`, [count]);
  await query(url, 'ANALYZE');
}

const STATUS_SQL = `
  SELECT o.status::text AS status, o.error, t._hash_id IS NOT NULL AS row_exists, t._ver, t.data
  FROM unnest($1::text[]) WITH ORDINALITY AS q(hash_id, ord)
  LEFT JOIN LATERAL (SELECT o.status, o.error FROM sync_operations o
    WHERE o.client_id = 'MTY_001' AND o.table_name = 'venta' AND o.record_id = q.hash_id ORDER BY o.id DESC LIMIT 1) o ON true
  LEFT JOIN venta t ON t._client_id = 'MTY_001' AND t._hash_id = q.hash_id
  ORDER BY q.ord`;

async function apiStatus(ctx, app, size, seeded, label) {
  {
    const pick = () => `s-${1 + Math.floor(Math.random() * seeded)}`;
    const body = size === 1 ? () => JSON.stringify({ hash_id: pick() }) : () => JSON.stringify({ records: Array.from({ length: size }, () => ({ hash_id: pick() })) });
    const probe = await fetch(`${app.url}/records`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ hash_id: 's-1' }) }).then((r) => r.json());
    if (probe.status !== 'COMPLETED') throw new Error(`${label}: a seeded record answers ${JSON.stringify(probe)}`);
    const r = await http({ url: app.url, path: '/records', headers: auth, body, connections: ctx.connections, seconds: ctx.seconds, label });
    return { rate: (r.requests * size) / r.seconds, p50: r.p50, p99: r.p99, peakMiB: app.peakMemoryMiB() };
  }
}

async function sqlStatus(ctx, url, size, seeded, label) {
  const r = await sqlLoop({
    url, connections: ctx.connections, seconds: ctx.seconds, label,
    work: async (client) => {
      const ids = Array.from({ length: size }, () => `s-${1 + Math.floor(Math.random() * seeded)}`);
      const { rows } = await client.query(STATUS_SQL, [ids]);
      if (rows.length !== size) throw new Error(`${label}: ${rows.length} answers for ${size}`);
    },
  });
  return { rate: (r.calls * size) / r.seconds };
}

module.exports = { apiIngest, sqlIngest, rowByRow, seedForStatus, apiStatus, sqlStatus, counts };

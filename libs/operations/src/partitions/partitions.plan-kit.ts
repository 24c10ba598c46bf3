import { Client } from 'pg';

/**
 * For plan specs: `count` more partitions of the log, made as the partitions job makes them (a
 * table like the log, attached with its id range, and the job operations' partition of the same
 * range), each holding 500 COMPLETED operations of `clientId` (records `r-<partition>-<n>`) listed
 * in 50 job rows of 10, 10 rows for each of 5 jobs (`job-<partition>-<0..4>`). No ANALYZE:
 * statistics as just after the job ran.
 */
export async function addMonthlyPartitions(client: Client, count: number, clientId: string): Promise<void> {
  for (let k = 1; k <= count; k++) {
    const [first, end] = [BigInt(k) << 40n, BigInt(k + 1) << 40n];
    await client.query(
      `CREATE TABLE sync_operations_p${k} (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (fillfactor = 50)`,
    );
    await client.query(
      `ALTER TABLE sync_operations ATTACH PARTITION sync_operations_p${k} FOR VALUES FROM (${first}) TO (${end})`,
    );
    await client.query(
      `CREATE TABLE sync_job_operations_p${k} (LIKE sync_job_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await client.query(
      `ALTER TABLE sync_job_operations ATTACH PARTITION sync_job_operations_p${k} FOR VALUES FROM (${first}) TO (${end})`,
    );
    await client.query(
      `INSERT INTO sync_operations (id, table_name, record_id, client_id, batch_version, operation, status)
       SELECT $1::bigint + n, 'venta', 'r-' || $2::int || '-' || n, $3, 1, 'CREATE', 'COMPLETED' FROM generate_series(1, 500) n`,
      [first.toString(), k, clientId],
    );
    await client.query(
      `INSERT INTO sync_job_operations (id, client_id, queue_id, operation_ids)
       SELECT max($1::bigint + n) + 1000, $3, 'job-' || $2::int || '-' || ((n - 1) / 10) % 5, array_agg($1::bigint + n ORDER BY n)
       FROM generate_series(1, 500) n GROUP BY (n - 1) / 10`,
      [first.toString(), k, clientId],
    );
  }
}

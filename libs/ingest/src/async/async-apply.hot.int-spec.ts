import { usePlanDatabase } from '@app/testing';
import { applyAndLogSql } from '../apply-and-log.statement';
import { queuedStatementValues } from '../apply-and-log.values';

const QUEUED = 500;

/**
 * Applying a QUEUED operation rewrites its row (status, note, updated_at, maybe payload). That must
 * be a HOT update, the row changed on its page and no index touched: it is what makes a worker's
 * batch cheaper than a synchronous one plus acceptance (README "Asynchronous ingest"). An index on
 * any column it writes, or pages packed full (fillfactor), would make every one a full update.
 */
describe('applying queued operations (integration)', () => {
  const db = usePlanDatabase((client) =>
    client.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, queue_id, operation, status, payload)
       SELECT 'venta', 'hot-' || audit || '-' || n, 'MTY_001', 1, 'job-1', 'CREATE', 'QUEUED', jsonb_build_object('total', n, 'note', repeat('x', 200))
       FROM generate_series(1, $1::int) n, unnest(ARRAY['true', 'false']) audit`,
      [QUEUED],
    ),
  );

  // Each case its own rows: a rolled-back update leaves its new versions on the page until pruned.
  it.each([true, false])('updates every operation row in place (HOT), AUDIT_PAYLOADS=%s', async (auditPayloads) => {
    const { rows: queued } = await db.client.query<{ id: string; record_id: string }>(
      `SELECT id::text, record_id FROM sync_operations WHERE record_id LIKE $1 ORDER BY id`,
      [`hot-${auditPayloads}-%`],
    );
    const changes = queued.map((op) => ({
      operationId: BigInt(op.id),
      operation: 'CREATE' as const,
      id: op.record_id,
      ver: 1,
      queueId: 'job-1',
      fields: {},
    }));
    const counts = async () =>
      (
        await db.client.query<{ updated: number; hot: number }>(
          `SELECT sum(pg_stat_get_xact_tuples_updated(p.relid))::int AS updated,
                  sum(pg_stat_get_xact_tuples_hot_updated(p.relid))::int AS hot
           FROM pg_partition_tree('sync_operations') p WHERE p.isleaf`, // the log's partitions
        )
      ).rows[0];
    await db.client.query('BEGIN');
    try {
      const before = await counts(); // this session's counts not yet reported
      const { rows } = await db.client.query(
        applyAndLogSql('venta', 'complete'),
        queuedStatementValues('MTY_001', 'venta', changes, auditPayloads),
      );
      expect(rows).toHaveLength(QUEUED);
      const after = await counts();
      expect({ updated: after.updated - before.updated, hot: after.hot - before.hot }).toEqual({
        updated: QUEUED,
        hot: QUEUED,
      });
    } finally {
      await db.client.query('ROLLBACK');
    }
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SyncedTableName } from '@app/common';
import { isPgTx, PgTx, Tx } from '@app/database';
import { SyncMessage } from '../target';

export interface OutboxEntry {
  operationId: bigint;
  recordId: string;
  action: SyncMessage['action'];
  /** What the external system receives as `payload`: rowPayload, or deletePayload for a delete (target/sync-message.ts). */
  payload: Record<string, unknown>;
}

/**
 * Writes the intent to deliver changes to the external system, inside the transaction that makes
 * the changes (a transactional outbox): a crash between commit and delivery loses nothing.
 * Does nothing when EXTERNAL_SYNC_URL is not set.
 */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.externalSyncUrl !== undefined;
  }

  /** Inside the caller's transaction: Prisma's, or a node-pg one (the asynchronous ingest worker's). */
  async enqueue(tx: Tx | PgTx, clientId: string, table: SyncedTableName, entries: OutboxEntry[]): Promise<void> {
    if (!this.enabled || entries.length === 0) return;
    // Arrays rather than one bind parameter per value: no batch nears the 65,535-parameter limit.
    const text = `
      INSERT INTO sync_outbox (operation_id, table_name, client_id, record_id, action, payload)
      SELECT e.operation_id, $1::text, $2::text, e.record_id, e.action::"OperationType", e.payload::json
      FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS e(operation_id, record_id, action, payload)`;
    const values = [
      table,
      clientId,
      entries.map((e) => e.operationId.toString()),
      entries.map((e) => e.recordId),
      entries.map((e) => e.action),
      entries.map((e) => JSON.stringify(e.payload)),
    ];
    if (isPgTx(tx)) await tx.query(text, values);
    else await tx.$executeRawUnsafe(text, ...values);
  }
}

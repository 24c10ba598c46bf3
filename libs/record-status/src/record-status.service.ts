import { Inject, Injectable } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { SyncedTable } from '@app/common';
import { lostRowError, OperationError, StatusNote } from '@app/operations';
import { RecordStatusRepository, StatusQuery, StatusRow } from './record-status.repository';

export type RecordStatus = 'PROCESSING' | 'COMPLETED' | 'ERROR' | 'NOT_FOUND' | 'CONFLICT';

export interface RecordStatusResult {
  hash_id: string;
  status: RecordStatus;
  error_details?: string;
  note?: string;
  data: Record<string, unknown> | null;
  /** CONFLICT: what the server holds now. */
  conflict?: { server_ver: number; server_data: Record<string, unknown> | null; deleted: boolean };
}

/**
 * The product's decision tree, healing in both directions: an operation answers with its status
 * (QUEUED counts as PROCESSING); no operation but the row exists is ERROR, so the client resends and
 * the history is recreated; a COMPLETED CREATE/UPDATE whose row is gone (and was not deleted) is
 * ERROR too, so the client resends and the row comes back; neither is NOT_FOUND. A tombstone (a
 * deleted record) counts as no row.
 */
@Injectable()
export class RecordStatusService {
  @Inject(Metrics) private readonly metrics: Metrics;

  constructor(private readonly repository: RecordStatusRepository) {}

  /** `deviceId`: the asking device (X-Device-Id); of several operations at one version, its own answers. */
  async statusOf(
    clientId: string,
    table: SyncedTable,
    queries: StatusQuery[],
    deviceId: string | null = null,
  ): Promise<RecordStatusResult[]> {
    const rows = await this.repository.find(clientId, table.name, queries, deviceId);
    const results = rows.map((row, i) => decide(queries[i].hashId, row));
    this.metrics.statusAnswered(table.name, results);
    return results;
  }
}

export function decide(hashId: string, row: StatusRow): RecordStatusResult {
  if (row.status === 'ERROR')
    return { hash_id: hashId, status: 'ERROR', error_details: row.error ?? 'Operation failed', data: null };
  if (row.status === 'CONFLICT') {
    const live = row.ver !== null && !row.tombstone;
    return {
      hash_id: hashId,
      status: 'CONFLICT',
      note: row.note ?? undefined,
      data: null,
      conflict: { server_ver: row.ver ?? 0, server_data: live ? row.data : null, deleted: row.tombstone },
    };
  }
  if (row.status === 'QUEUED' || row.status === 'PROCESSING')
    return { hash_id: hashId, status: 'PROCESSING', data: null };
  if (row.status === 'COMPLETED') {
    if (row.row_exists) return { hash_id: hashId, status: 'COMPLETED', data: dataOf(hashId, row) };
    if (row.operation === 'DELETE' || row.tombstone || row.last_applied === 'DELETE') {
      return { hash_id: hashId, status: 'COMPLETED', note: StatusNote.RecordDeleted, data: null };
    }
    return { hash_id: hashId, status: 'ERROR', error_details: lostRowError(row.operation ?? 'CREATE'), data: null };
  }
  if (row.row_matches_ver)
    return { hash_id: hashId, status: 'ERROR', error_details: OperationError.MissingOperation, data: null };
  return { hash_id: hashId, status: 'NOT_FOUND', data: null };
}

function dataOf(hashId: string, row: StatusRow): Record<string, unknown> {
  return { _hash_id: hashId, _ver: row.ver, ...row.data };
}

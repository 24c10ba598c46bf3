import { SyncedTable } from '@app/common';
import { recordIdProblem } from '@app/common';
import { checkClientId, readFieldId, readTable, readVersion } from './legacy-batch';
import { LegacyCode, LegacyProtocolError } from './legacy-errors';
import { readNdjson } from './ndjson';

export interface LegacyStatusRequest {
  table: SyncedTable;
  fieldId: string;
  /** `ver` as the client wrote it (echoed as `version`), and as a number for the lookup. */
  version: string | null;
  ver: number | null;
  queries: { hashId: string; queueId: string | null }[];
}

/**
 * `POST /records?table=&ver=&field_id=&client_id=` with an NDJSON body of
 * `{"<field_id>": "<id>", "id_cola": "<job id>"}` lines. `ver` is optional (without it the newest
 * operation answers); table, field_id and client_id are required as the original server required them.
 */
export function readLegacyStatusRequest(
  keyClientId: string,
  query: Record<string, unknown>,
  body: string,
  maxRecords: number,
): LegacyStatusRequest {
  checkClientId(keyClientId, query.client_id, true);
  const table = readTable(query.table, LegacyCode.MissingTable, 'table');
  if (query.field_id === undefined || query.field_id === '')
    throw LegacyProtocolError.badRequest(LegacyCode.MissingFieldId, 'field_id is required');
  const fieldId = readFieldId(query.field_id);
  const ver = readVersion(query.ver) ?? null;
  const lines = readNdjson(body, maxRecords);
  if (lines.length === 0)
    throw LegacyProtocolError.badRequest(
      LegacyCode.EmptyRecords,
      'The body has no records: one {"' + fieldId + '": "..."} per line',
    );
  const queries = lines.map((line, index) => {
    const problem =
      recordIdProblem(line[fieldId], fieldId) ??
      (line.id_cola !== undefined && line.id_cola !== null ? recordIdProblem(line.id_cola, 'id_cola') : undefined);
    if (problem) throw LegacyProtocolError.badRequest(LegacyCode.InvalidRecords, `record ${index + 1}: ${problem}`);
    return { hashId: line[fieldId] as string, queueId: (line.id_cola as string | undefined) ?? null };
  });
  return { table, fieldId, version: ver === null ? null : String(query.ver), ver, queries };
}

import { Change } from './change';

/**
 * A batch of changes as the statements' parameters: one column each, in input order. Each is ONE
 * bind parameter whatever the batch's size, so no batch nears PostgreSQL's 65,535-parameter limit.
 * - `fields`: the records' own fields as one JSON array (null for a DELETE). PostgreSQL splits it
 *   with `json_array_elements`, which only checks the text: an operation row keeps its payload as
 *   that `json` text, and only the table's `data` (jsonb) pays for the conversion. Sent as one JSON
 *   document of objects (`jsonb_to_recordset`), the conversion of the whole batch to jsonb was half
 *   of what accepting a batch cost the database (README "Asynchronous ingest").
 * - `ops`, `ids`, `versions`, `jobs`: PostgreSQL array literals (text[], text[], int[], text[]).
 */
export interface BatchColumns {
  fields: string;
  ops: string;
  ids: string;
  versions: string;
  jobs: string;
}

export function batchColumns(changes: readonly Change[]): BatchColumns {
  const fields = new Array<unknown>(changes.length);
  const ops = new Array<string>(changes.length);
  const ids = new Array<string>(changes.length);
  const versions = new Array<number>(changes.length);
  const jobs = new Array<string | null>(changes.length);
  changes.forEach((c, k) => {
    fields[k] = c.fields;
    ops[k] = c.operation;
    ids[k] = c.id;
    versions[k] = c.ver;
    jobs[k] = c.queueId;
  });
  return {
    fields: JSON.stringify(fields),
    ops: textArray(ops),
    ids: textArray(ids),
    versions: `{${versions.join(',')}}`,
    jobs: textArray(jobs),
  };
}

/**
 * The rows of a batch in SQL, from its columns' parameters (`fields` json, `ops` text[], `ids`
 * text[], `versions` int[], `jobs` text[], absent: NULL): `op, hash_id, ver, queue_id, fields (json;
 * SQL NULL for a DELETE's null), idx` (1-based input order). ROWS FROM zips the columns by position.
 */
export function batchRowsSql(p: Omit<BatchColumns, 'jobs'> & Partial<Pick<BatchColumns, 'jobs'>>): string {
  const jobs = p.jobs === undefined ? '' : `, ${p.jobs}::text[]`;
  return `(SELECT r.op, r.hash_id, r.ver, ${p.jobs === undefined ? 'NULL::text' : 'r.queue_id'} AS queue_id,
             CASE WHEN json_typeof(r.f) <> 'null' THEN r.f END AS fields, r.idx
      FROM ROWS FROM (unnest(${p.ops}::text[], ${p.ids}::text[], ${p.versions}::int[]${jobs}), json_array_elements(${p.fields}::json))
           WITH ORDINALITY AS r(op, hash_id, ver${p.jobs === undefined ? '' : ', queue_id'}, f, idx))`;
}

/** A PostgreSQL text[] literal: every element quoted (backslash and double quote escaped), null as NULL. */
export function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (k > 0) out += ',';
    out += v === null ? 'NULL' : `"${v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return out + '}';
}

import { BadRequestException } from '@nestjs/common';
import { checkValue, MAX_STATUS_QUERIES, recordIdProblem, VERSION_SCHEMA } from '@app/common';
import { StatusQuery } from './record-status.repository';

export { MAX_STATUS_QUERIES };
const QUERY_KEYS = new Set(['hash_id', 'id_cola', 'ver']);
const BODY_KEYS = new Set([...QUERY_KEYS, 'records']);

export interface StatusRequest {
  /** The single form (`{ hash_id }`) answers one object, the batch form (`{ records }`) a list. */
  single: boolean;
  queries: StatusQuery[];
}

/**
 * Reads a status request by hand rather than through class-validator: at 1,000 nested queries
 * the ValidationPipe cost about 24 ms a request (measured), more than the SQL that answers it.
 * Same rules and the same kind of messages; STATUS_REQUEST_SCHEMA documents the shape in Swagger.
 */
export function readStatusRequest(body: unknown): StatusRequest {
  const problems: string[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException('The body must be a JSON object');
  const request = body as Record<string, unknown>;
  for (const key of Object.keys(request)) if (!BODY_KEYS.has(key)) problems.push(`property ${key} should not exist`);

  if (request.records !== undefined) {
    if (request.hash_id !== undefined)
      throw new BadRequestException('Send either hash_id (one record) or records (many), not both');
    const records = request.records;
    if (!Array.isArray(records) || records.length < 1 || records.length > MAX_STATUS_QUERIES) {
      throw new BadRequestException(`records must be an array of 1 to ${MAX_STATUS_QUERIES} queries`);
    }
    const queries = records.map((record, i) => readQuery(record, `records.${i}.`, problems));
    if (problems.length > 0) throw new BadRequestException(problems.slice(0, 20));
    return { single: false, queries };
  }
  const query = readQuery(request, '', problems, BODY_KEYS);
  if (problems.length > 0) throw new BadRequestException(problems.slice(0, 20));
  return { single: true, queries: [query] };
}

function readQuery(value: unknown, path: string, problems: string[], allowed = QUERY_KEYS): StatusQuery {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path.slice(0, -1)} must be an object { hash_id, id_cola?, ver? }`);
    return { hashId: '', queueId: null, ver: null };
  }
  const query = value as Record<string, unknown>;
  if (allowed === QUERY_KEYS)
    for (const key of Object.keys(query))
      if (!QUERY_KEYS.has(key)) problems.push(`property ${path}${key} should not exist`);
  const idProblem = recordIdProblem(query.hash_id, `${path}hash_id`);
  if (idProblem) problems.push(idProblem);
  if (query.id_cola !== undefined) {
    const queueProblem = recordIdProblem(query.id_cola, `${path}id_cola`);
    if (queueProblem) problems.push(queueProblem);
  }
  const ver = query.ver;
  const verProblem = ver === undefined ? undefined : checkValue(VERSION_SCHEMA, ver, `${path}ver`);
  if (verProblem) problems.push(verProblem);
  return {
    hashId: query.hash_id as string,
    queueId: (query.id_cola as string | undefined) ?? null,
    ver: (ver as number | undefined) ?? null,
  };
}

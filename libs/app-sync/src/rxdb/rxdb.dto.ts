import { ApiProperty } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import { CURSOR_PATTERN, MAX_PULL } from '@app/changes';
import { RECORD_ID_SCHEMA } from '@app/common';
import { readDocument } from '../document-fields';
import { RxCheckpoint } from './rxdb-pull.service';
import { RxPushRow } from './rxdb-push.service';

/** RxDB's bookkeeping keys: never stored as data. */
const RXDB_KEYS = ['_deleted', '_meta', '_rev', '_attachments'] as const;

/** Rows per push: RxDB splits its backlog by `push.batchSize`, which must not exceed this. */
export const MAX_RX_PUSH = 1000;

export const RX_PULL_BODY_SCHEMA = {
  type: 'object',
  properties: {
    checkpoint: {
      type: 'object',
      nullable: true,
      description: 'The `checkpoint` of the previous pull, as is; null (or absent) to start from the beginning',
      properties: { cursor: { type: 'string', minLength: 4, maxLength: 2048, pattern: CURSOR_PATTERN } },
      required: ['cursor'],
      additionalProperties: false,
      example: { cursor: 'v1.742.YWJjMTIz' },
    },
    batchSize: {
      type: 'integer',
      description: `Most documents in the answer, 1 to ${MAX_PULL}`,
      example: 100,
      minimum: 1,
      maximum: MAX_PULL,
    },
  },
  required: ['batchSize'],
  additionalProperties: false,
};

/** The pull body (RX_PULL_BODY_SCHEMA), or a 400 naming every problem. */
export function readPullBody(body: unknown): { checkpoint: RxCheckpoint | null; batchSize: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException('The body must be a JSON object { checkpoint, batchSize }');
  const { checkpoint, batchSize, ...extra } = body as Record<string, unknown>;
  const problems = Object.keys(extra).map((key) => `property ${key} should not exist`);
  if (!Number.isSafeInteger(batchSize) || (batchSize as number) < 1 || (batchSize as number) > MAX_PULL)
    problems.push(`batchSize must be an integer from 1 to ${MAX_PULL}`);
  const ok = checkpoint === undefined || checkpoint === null || isCheckpoint(checkpoint);
  if (!ok) problems.push('checkpoint must be null or the checkpoint of an earlier pull, as is');
  if (problems.length > 0) throw new BadRequestException(problems);
  return {
    checkpoint: isCheckpoint(checkpoint) ? { cursor: checkpoint.cursor } : null,
    batchSize: batchSize as number,
  };
}

function isCheckpoint(value: unknown): value is RxCheckpoint {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as RxCheckpoint).cursor === 'string'
  );
}

const DOCUMENT = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { ...RECORD_ID_SCHEMA, description: 'The primary key' },
    ver: { type: 'integer', description: "The server's version (ignored in newDocumentState: the server assigns it)" },
    _deleted: { type: 'boolean' },
  },
  required: ['id'],
} as const;

export const RX_PUSH_BODY_SCHEMA = {
  type: 'array',
  maxItems: MAX_RX_PUSH,
  description:
    "RxDB's push rows: the state the device last pulled (absent for a document it created) and its new state",
  items: {
    type: 'object',
    properties: { assumedMasterState: { ...DOCUMENT, nullable: true }, newDocumentState: DOCUMENT },
    required: ['newDocumentState'],
  },
  example: [
    {
      assumedMasterState: { id: 'v1', ver: 2, total: 5, _deleted: false },
      newDocumentState: { id: 'v1', ver: 2, total: 6, _deleted: false },
    },
  ],
};

/** Reads RxDB's push rows whole, or refuses them whole (400, every problem named, nothing written). */
export function readPushRows(body: unknown): RxPushRow[] {
  if (!Array.isArray(body) || body.length > MAX_RX_PUSH)
    throw new BadRequestException(
      `The body must be an array of at most ${MAX_RX_PUSH} rows { assumedMasterState, newDocumentState } (set push.batchSize to ${MAX_RX_PUSH} or less)`,
    );
  const problems: string[] = [];
  const rows: RxPushRow[] = [];
  const seen = new Set<string>();
  body.forEach((row: unknown, k) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return problems.push(`[${k}] must be an object`);
    const { assumedMasterState: assumed, newDocumentState: next, ...extra } = row as Record<string, unknown>;
    for (const key of Object.keys(extra)) problems.push(`[${k}].${key} should not exist`);
    const read = readDocument(next, RXDB_KEYS, `[${k}].newDocumentState`);
    if ('problems' in read) return problems.push(...read.problems);
    let base: RxPushRow['assumed'] = null;
    if (assumed !== undefined && assumed !== null) {
      const was = readDocument(assumed, RXDB_KEYS, `[${k}].assumedMasterState`);
      if ('problems' in was) return problems.push(...was.problems);
      const ver = (assumed as Record<string, unknown>).ver;
      if (ver !== undefined && !Number.isSafeInteger(ver))
        return problems.push(`[${k}].assumedMasterState.ver must be an integer`);
      base = {
        ver: ver as number | undefined,
        deleted: (assumed as Record<string, unknown>)._deleted === true,
        fields: was.fields,
      };
    }
    if (seen.has(read.id)) return problems.push(`[${k}]: document ${read.id} appears more than once`);
    seen.add(read.id);
    rows.push({
      id: read.id,
      assumed: base,
      next: { deleted: (next as Record<string, unknown>)._deleted === true, fields: read.fields },
    });
  });
  if (problems.length > 0) throw new BadRequestException(problems.slice(0, 100));
  return rows;
}

export class RxCheckpointDto {
  @ApiProperty({ description: "The change feed's cursor (opaque)", example: 'v1.743.' })
  cursor: string;
}

export class RxPullDto {
  @ApiProperty({
    description:
      'Documents `{ id, ver, ...fields, _deleted }` in feed order; tombstones `{ id, ver, _deleted: true }`. Fewer than batchSize: caught up',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ id: 'v1', ver: 3, total: 6, _deleted: false }],
  })
  documents: Record<string, unknown>[];

  @ApiProperty({ type: RxCheckpointDto, description: 'Send back as `checkpoint` in the next pull' })
  checkpoint: RxCheckpointDto;
}

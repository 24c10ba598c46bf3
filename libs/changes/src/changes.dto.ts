import { ApiProperty } from '@nestjs/swagger';
import { ObjectSchema } from '@app/common';
import { CURSOR_PATTERN } from './change-cursor';

export const MAX_PULL = 1000;
export const DEFAULT_PULL = 500;

/** The feed's query, as JSON Schema: SchemaPipe enforces it and ApiQueryFrom documents it. */
export const CHANGES_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    since: {
      type: 'string',
      description:
        'The `next` cursor of the previous pull (opaque). Absent: a first pull, every live record (no deletions)',
      example: 'v1.742.YWJjMTIz',
      minLength: 4,
      maxLength: 2048,
      pattern: CURSOR_PATTERN,
    },
    limit: {
      type: 'integer',
      description: `Most changes in this page, 1 to ${MAX_PULL} (default ${DEFAULT_PULL})`,
      example: 500,
      minimum: 1,
      maximum: MAX_PULL,
    },
  },
  additionalProperties: false,
};

export interface ChangesQuery {
  since?: string;
  limit?: number;
}

export class ChangeDto {
  @ApiProperty({ description: 'The record id (`_hash_id`)', example: 'abc123' })
  id: string;

  @ApiProperty({
    description: "The record's current version (`_ver`); for a deletion, the version it was deleted at",
    example: 3,
  })
  ver: number;

  @ApiProperty({
    description: "The record's current fields; null when it is deleted",
    example: { total: 125.5 },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown> | null;

  @ApiProperty({ description: 'The record was deleted (a tombstone): remove it locally', example: false })
  deleted: boolean;

  @ApiProperty({ description: 'When its current state was written', example: '2026-12-07T10:15:00.000Z' })
  updated_at: string;
}

export class ChangesPageDto {
  @ApiProperty({
    description:
      'Every record whose state changed after `since`, at its current state, in feed order (each at most once)',
    type: [ChangeDto],
  })
  changes: ChangeDto[];

  @ApiProperty({
    description: 'The cursor to send as `since` next time (opaque; keep it once the page is stored locally)',
    example: 'v1.743.',
  })
  next: string;

  @ApiProperty({ description: 'More changes are waiting now: pull again at once with `next`', example: false })
  has_more: boolean;
}

import { ApiProperty } from '@nestjs/swagger';
import { ObjectSchema, RECORD_ID_SCHEMA } from '@app/common';

/** `null` (Watermelon's first sync, written into the URL as text) or an earlier pull's `timestamp`. */
const LAST_PULLED_AT = {
  type: 'string',
  description:
    "The `timestamp` of the device's last pull; `null` (or absent) for a first sync. Watermelon's own `lastPulledAt`, written into the URL as is",
  example: '1042',
  pattern: '^(null|[0-9]{1,19})$',
} as const;

export const WATERMELON_PULL_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    last_pulled_at: LAST_PULLED_AT,
    schema_version: {
      type: 'string',
      description: "The app's schema version (accepted and not used: records travel whole, whatever their columns)",
      example: '1',
      pattern: '^(null|undefined|[0-9]{1,9})$',
    },
    migration: {
      type: 'string',
      description:
        "Watermelon's migration object as JSON (accepted and not used: a pull already sends whole records, so columns added by a migration come with every record written since)",
      example: 'null',
      maxLength: 65536,
    },
  },
  additionalProperties: false,
};

export const WATERMELON_PUSH_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: { last_pulled_at: LAST_PULLED_AT },
  additionalProperties: false,
};

export interface WatermelonQuery {
  last_pulled_at?: string;
}

/** The query's `last_pulled_at` as a feed horizon (null: none). */
export function lastPulledAt(query: WatermelonQuery): bigint | null {
  const text = query.last_pulled_at;
  return text === undefined || text === 'null' ? null : BigInt(text);
}

const RAWS = {
  type: 'array',
  items: { type: 'object', additionalProperties: true, properties: { id: RECORD_ID_SCHEMA }, required: ['id'] },
} as const;

/** The push body: Watermelon's `changes` object, one entry per synced table. */
export const WATERMELON_CHANGES_SCHEMA = {
  type: 'object',
  description:
    "Watermelon's `changes`: for each synced table, the raw records created and updated locally (`_status` and `_changed` are dropped; `ver`, if present, is ignored: the server assigns versions) and the ids deleted",
  additionalProperties: {
    type: 'object',
    properties: { created: RAWS, updated: RAWS, deleted: { type: 'array', items: RECORD_ID_SCHEMA } },
    additionalProperties: false,
  },
  example: { venta: { created: [{ id: 'k3Jd9aQpX0c1Lm2N', total: 12.5 }], updated: [], deleted: ['a8Zz0'] } },
};

export class WatermelonTableChangesDto {
  @ApiProperty({
    description: 'Always empty: every live record travels as `updated`',
    type: 'array',
    items: { type: 'object' },
    example: [],
  })
  created: Record<string, unknown>[];

  @ApiProperty({
    description:
      'Records written since `last_pulled_at` (all live records on a first sync): `id`, `ver` (the server version) and their fields. Sync with `sendCreatedAsUpdated: true`',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ id: 'k3Jd9aQpX0c1Lm2N', ver: 2, total: 12.5 }],
  })
  updated: Record<string, unknown>[];

  @ApiProperty({ description: 'Ids of records deleted since `last_pulled_at`', type: [String], example: ['a8Zz0'] })
  deleted: string[];
}

export class WatermelonPullDto {
  @ApiProperty({
    description: 'Per synced table (the shared ones included)',
    type: Object,
    example: { venta: { created: [], updated: [{ id: 'k3Jd9aQpX0c1Lm2N', ver: 2, total: 12.5 }], deleted: ['a8Zz0'] } },
    additionalProperties: { $ref: '#/components/schemas/WatermelonTableChangesDto' },
  })
  changes: Record<string, WatermelonTableChangesDto>;

  @ApiProperty({
    description:
      'The horizon of this pull (a PostgreSQL transaction id): send it back as `last_pulled_at`. Every change below it was sent; none can appear below it later',
    example: 1043,
  })
  timestamp: number;
}

export class WatermelonPushDto {
  @ApiProperty({
    description:
      'Per table, records not applied because the server holds them deleted (logged ERROR). Return this object from `pushChanges`: Watermelon keeps them unsynced. Absent when none',
    required: false,
    type: Object,
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { venta: ['k3Jd9aQpX0c1Lm2N'] },
  })
  experimentalRejectedIds?: Record<string, string[]>;
}

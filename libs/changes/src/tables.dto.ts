import { ApiProperty } from '@nestjs/swagger';
import type { SyncedTable } from '@app/common';

export class SyncedTableDto {
  @ApiProperty({ description: 'The table name, as in /tables/{table}/...', example: 'stock' })
  name!: string;

  @ApiProperty({
    description:
      "Whether the rows belong to no store: written by head office, read-only for stores, in every store's feed",
    example: false,
  })
  shared!: boolean;

  @ApiProperty({
    description: 'What a change sent with `base_ver` does when the record moved on: `reject` (CONFLICT) or `merge`',
    enum: ['reject', 'merge'],
    example: 'merge',
  })
  policy!: 'reject' | 'merge';

  @ApiProperty({
    description: 'Numeric fields a `merge` table merges by delta (`current + (sent - base)`)',
    type: [String],
    example: ['qty'],
  })
  counters!: string[];

  @ApiProperty({ description: 'The name the external system knows the entity by', example: 'STOCK' })
  entity_type!: string;

  static of(table: SyncedTable): SyncedTableDto {
    return {
      name: table.name,
      shared: table.shared,
      policy: table.conflicts.policy,
      counters: [...(table.conflicts.counters ?? [])],
      entity_type: table.entityType,
    };
  }
}

export class SyncedTablesDto {
  @ApiProperty({ description: 'Every synced table the server serves, in registry order', type: [SyncedTableDto] })
  tables!: SyncedTableDto[];
}

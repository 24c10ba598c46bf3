import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Query strings carry text: `@Type(() => Boolean)` would read "false" as true, so map the two words by hand. */
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class SyncFailureIdParamDto {
  @ApiProperty({ description: 'Sync failure id', example: '3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1 to 64 letters, digits, _ or -' })
  id: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Page number, from 1', example: 1, default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Rows per page (1 to 500); 50 by default, 20 for /sync-failures/critical', example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class SyncFailureFilterDto {
  @ApiPropertyOptional({ description: 'Only this entity type', example: 'SALE' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entity_type?: string;

  @ApiPropertyOptional({ description: 'Only this entity id (`<client id>:<record id>`)', example: 'MTY_001:abc123' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entity_id?: string;

  @ApiPropertyOptional({ description: 'true: only failures waiting for manual intervention; false: only those still retried automatically', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  critical?: boolean;
}

export class ListSyncFailuresQueryDto extends IntersectionType(SyncFailureFilterDto, PageQueryDto) {}

/** POST /sync-failures/retry: every failure matching the filter (all of them when it is empty) becomes due now. */
export class RetrySyncFailuresDto extends SyncFailureFilterDto {}

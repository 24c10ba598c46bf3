import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { MAX_PAGE } from '@app/common';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Query strings carry text: `@Type(() => Boolean)` would read "false" as true, so map the two words by hand. */
/** Filters are compared with stored text: NUL cannot reach PostgreSQL, and no control character is ever part of a name. */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
const noControl = (name: string) =>
  Matches(NO_CONTROL_CHARACTERS, { message: `${name} must not contain control characters` });

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class SyncFailureIdParamDto {
  @ApiProperty({
    description: 'Sync failure id: 1 to 64 letters, digits, _ or -',
    example: '3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21',
    pattern: '^[A-Za-z0-9_-]{1,64}$',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1 to 64 letters, digits, _ or -' })
  id: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({
    description: `Page number, from 1 to ${MAX_PAGE}`,
    example: 1,
    default: 1,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({
    description: 'Rows per page (1 to 500); 50 by default, 20 for /sync-failures/critical',
    example: 50,
    type: 'integer',
    minimum: 1,
    maximum: 500,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class SyncFailureFilterDto {
  @ApiPropertyOptional({
    description: 'Only this entity type (no control characters)',
    example: 'SALE',
    minLength: 1,
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @noControl('entity_type')
  entity_type?: string;

  @ApiPropertyOptional({
    description: 'Only this entity id (`<client id>:<record id>`, no control characters)',
    example: 'MTY_001:abc123',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @noControl('entity_id')
  entity_id?: string;

  @ApiPropertyOptional({
    description: 'true: only failures waiting for manual intervention; false: only those still retried automatically',
    example: true,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  critical?: boolean;
}

export class ListSyncFailuresQueryDto extends IntersectionType(SyncFailureFilterDto, PageQueryDto) {}

/** POST /sync-failures/retry: every failure matching the filter (all of them when it is empty) becomes due now. */
export class RetrySyncFailuresDto extends SyncFailureFilterDto {}

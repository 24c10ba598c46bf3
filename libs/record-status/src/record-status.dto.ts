import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

export const MAX_STATUS_QUERIES = 1000;
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export class StatusQueryDto {
  @ApiProperty({ description: 'The record id (`_hash_id`)', example: 'abc123', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @Matches(NO_CONTROL, { message: 'hash_id must not contain control characters' })
  hash_id: string;

  @ApiPropertyOptional({ description: 'Prefer the operation logged with this queue job id', example: 'job123', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  id_cola?: string;

  @ApiPropertyOptional({ description: 'Ask about this batch version only', example: 2, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  ver?: number;
}

/** Either one query (`hash_id`, ...) or `records`: up to 1,000 queries. */
export class StatusRequestDto {
  @ApiPropertyOptional({ description: 'One record id (single form)', example: 'abc123', maxLength: 255 })
  @ValidateIf((o: StatusRequestDto) => o.records === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @Matches(NO_CONTROL, { message: 'hash_id must not contain control characters' })
  hash_id?: string;

  @ApiPropertyOptional({ description: 'Single form: prefer the operation logged with this queue job id', example: 'job123' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  id_cola?: string;

  @ApiPropertyOptional({ description: 'Single form: ask about this batch version only', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  ver?: number;

  @ApiPropertyOptional({ description: `Batch form: 1 to ${MAX_STATUS_QUERIES} queries, answered in order`, type: [StatusQueryDto] })
  @ValidateIf((o: StatusRequestDto) => o.hash_id === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STATUS_QUERIES)
  @ValidateNested({ each: true })
  @Type(() => StatusQueryDto)
  records?: StatusQueryDto[];
}

export class RecordStatusDto {
  @ApiProperty({ description: 'The record id asked about', example: 'abc123' })
  hash_id: string;

  @ApiProperty({
    description: 'PROCESSING (queued or in flight), COMPLETED, ERROR (resend: see error_details) or NOT_FOUND (never received)',
    enum: ['PROCESSING', 'COMPLETED', 'ERROR', 'NOT_FOUND'],
    example: 'COMPLETED',
  })
  status: string;

  @ApiPropertyOptional({
    description: 'Why, on ERROR',
    example: 'Operation record missing but data exists in main table - please resend to recreate operation history',
  })
  error_details?: string;

  @ApiProperty({
    description: 'On COMPLETED with the row present: `_hash_id`, `_ver` and the fields as sent; otherwise null',
    example: { _hash_id: 'abc123', _ver: 1, name: 'John' },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown> | null;
}

export class StatusBatchResponseDto {
  @ApiProperty({ description: 'One answer per query, in request order', type: [RecordStatusDto] })
  results: RecordStatusDto[];
}

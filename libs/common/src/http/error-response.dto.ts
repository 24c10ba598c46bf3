import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the server holds for a record a change conflicted with (docs/multi-device.md). */
export class ConflictDetailDto {
  @ApiProperty({ description: "The record's current version (0: it does not exist)", example: 2 })
  server_ver: number;

  @ApiProperty({
    description: "The record's current fields (null when it does not exist or is deleted)",
    example: { qty: 9 },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  server_data: Record<string, unknown> | null;

  @ApiProperty({ description: 'The record is deleted (a tombstone at server_ver)', example: false })
  deleted: boolean;
}

/** The one shape of every error the API returns. */
export class ErrorResponseDto {
  @ApiProperty({ description: 'HTTP status code', example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'HTTP status name', example: 'Bad Request' })
  error: string;

  @ApiProperty({ description: 'What went wrong, for a person', example: 'id must be a non-empty string' })
  message: string;

  @ApiPropertyOptional({
    description: 'Every individual problem, when there are several',
    example: ['id must be a non-empty string'],
    type: [String],
  })
  details?: string[];

  @ApiPropertyOptional({
    description:
      'A machine-readable reason, when the status alone does not say what to do (`cursor_expired`: start over with a full pull)',
    example: 'cursor_expired',
  })
  code?: string;

  @ApiPropertyOptional({
    description:
      '`code: conflict` (409): what the server holds; the change was logged CONFLICT and nothing was applied',
    type: ConflictDetailDto,
  })
  conflict?: ConflictDetailDto;

  @ApiPropertyOptional({
    description: '`code: conflict` (409): the id of the CONFLICT operation in the log',
    example: '42',
  })
  operation_id?: string;

  @ApiPropertyOptional({
    description: 'The request id (also in the X-Request-Id header and the logs)',
    example: '5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a',
  })
  requestId?: string;
}

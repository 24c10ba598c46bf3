import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
    description: 'The request id (also in the X-Request-Id header and the logs)',
    example: '5f0c1c9e-3b1a-4c55-9d07-1c1d0b6f8e2a',
  })
  requestId?: string;
}

import { ApiProperty } from '@nestjs/swagger';

export class SyncFailureStatsRowDto {
  @ApiProperty({ description: 'Entity type', example: 'SALE' })
  entity_type: string;

  @ApiProperty({ description: 'Action', example: 'CREATE' })
  action: string;

  @ApiProperty({ description: 'Failures created in the window', example: 12 })
  total_failures: number;

  @ApiProperty({ description: 'Average retry_count, two decimals', example: 1.5 })
  avg_retries: number;

  @ApiProperty({ description: 'Highest retry_count', example: 3 })
  max_retries: number;
}

export class SyncFailureStatsDto {
  @ApiProperty({ description: 'Start of the window (the last 24 hours)', example: '2026-11-22T10:00:00.000Z' })
  since: string;

  @ApiProperty({ description: 'Per entity type and action, most failures first', type: [SyncFailureStatsRowDto] })
  stats: SyncFailureStatsRowDto[];
}

export class AlertRuleDto {
  @ApiProperty({
    description: 'What the rule measures',
    example: 'Failed deliveries (first attempts and retries) in the last hour',
  })
  description: string;

  @ApiProperty({ description: 'The measured value', example: 4 })
  value: number;

  @ApiProperty({ description: 'The rule fires when value is above this (configurable)', example: 10 })
  threshold: number;

  @ApiProperty({ description: 'value > threshold', example: false })
  firing: boolean;
}

export class EntityFailuresDto {
  @ApiProperty({ description: 'Entity type', example: 'SALE' })
  entity_type: string;

  @ApiProperty({ description: 'Entity id', example: 'MTY_001:abc123' })
  entity_id: string;

  @ApiProperty({
    description: 'Failed deliveries: each of its rows counts its first failure plus its failed retries',
    example: 4,
  })
  failures: number;
}

export class EntityAlertRuleDto extends AlertRuleDto {
  @ApiProperty({
    description: 'Entity ids above the threshold, most failures first (up to 10)',
    type: [EntityFailuresDto],
  })
  entities: EntityFailuresDto[];
}

export class SyncAlertsDto {
  @ApiProperty({ description: 'Whether any rule fires', example: false })
  firing: boolean;

  @ApiProperty({ description: 'When the rules were evaluated', example: '2026-11-23T10:00:00.000Z' })
  checked_at: string;

  @ApiProperty({
    description: 'More than SYNC_ALERT_FAILURES_PER_HOUR failed deliveries in the last hour',
    type: AlertRuleDto,
  })
  failures_last_hour: AlertRuleDto;

  @ApiProperty({
    description: 'An entity id failing more than SYNC_ALERT_ENTITY_FAILURES times in the last 24 hours',
    type: EntityAlertRuleDto,
  })
  entity_failures: EntityAlertRuleDto;

  @ApiProperty({
    description: 'Average retry_count of the last 24 hours above SYNC_ALERT_AVG_RETRIES',
    type: AlertRuleDto,
  })
  average_retries: AlertRuleDto;
}

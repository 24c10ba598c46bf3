import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminAuth, ApiParamFrom, ApiQueryFrom, ErrorResponseDto, ParamRulePipe, SchemaPipe } from '@app/common';
import { SyncAlertsDto, SyncFailureReportsService, SyncFailureStatsDto } from '../monitoring';
import { SyncRetryService } from '../retry';
import { FailedDelivery } from './failed-delivery';
import {
  LIST_SYNC_FAILURES_QUERY_SCHEMA,
  ListSyncFailuresQuery,
  PAGE_QUERY_SCHEMA,
  PageQuery,
  RETRY_SYNC_FAILURES_SCHEMA,
  SYNC_FAILURE_ID_SCHEMA,
  SyncFailureFilter,
} from './sync-failures-request.dto';
import { RetryResultDto, ScheduledRetryDto, SyncFailureDto, SyncFailurePageDto } from './sync-failures-response.dto';
import { SyncFailuresService } from './sync-failures.service';

/** The `:id` of a sync failure, validated and documented from SYNC_FAILURE_ID_SCHEMA. */
const FailureId = () => Param('id', new ParamRulePipe(SYNC_FAILURE_ID_SCHEMA, 'id'));

/** Manual intervention and monitoring of deliveries to the external system. Static routes come before `:id`. */
@ApiTags('sync-failures')
@AdminAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid query, body or id' })
@Controller('sync-failures')
export class SyncFailuresController {
  constructor(
    private readonly reports: SyncFailureReportsService,
    private readonly failures: SyncFailuresService,
    private readonly retry: SyncRetryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Sync failures, newest first, filtered and paginated' })
  @ApiQueryFrom(LIST_SYNC_FAILURES_QUERY_SCHEMA)
  @ApiOkResponse({ type: SyncFailurePageDto })
  list(
    @Query(new SchemaPipe(LIST_SYNC_FAILURES_QUERY_SCHEMA, 'query')) query: ListSyncFailuresQuery,
  ): Promise<SyncFailurePageDto> {
    const { page = 1, limit = 50, entity_type, entity_id, critical } = query;
    return this.page({ entityType: entity_type, entityId: entity_id, critical }, page, limit);
  }

  @Get('critical')
  @ApiOperation({
    summary: 'Failures waiting for manual intervention (maximum retries reached or refused), newest first',
  })
  @ApiQueryFrom(PAGE_QUERY_SCHEMA)
  @ApiOkResponse({ type: SyncFailurePageDto })
  critical(@Query(new SchemaPipe(PAGE_QUERY_SCHEMA, 'query')) query: PageQuery): Promise<SyncFailurePageDto> {
    return this.page({ critical: true }, query.page ?? 1, query.limit ?? 20);
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Failures of the last 24 hours per entity type and action: total, average and maximum retries',
  })
  @ApiOkResponse({ type: SyncFailureStatsDto })
  async stats(): Promise<SyncFailureStatsDto> {
    const { since, rows } = await this.reports.stats();
    return { since: since.toISOString(), stats: rows };
  }

  @Get('alerts')
  @ApiOperation({ summary: 'The three alert rules with their values and thresholds' })
  @ApiOkResponse({ type: SyncAlertsDto })
  async alerts(): Promise<SyncAlertsDto> {
    const a = await this.reports.alerts();
    return {
      firing: a.firing,
      checked_at: a.checkedAt.toISOString(),
      failures_last_hour: {
        description: 'Failed deliveries (first attempts and retries) in the last hour',
        ...a.failuresLastHour,
      },
      entity_failures: {
        description:
          'Most failed deliveries of one entity id in the last 24 hours (first failure + failed retries per row)',
        ...a.entityFailures,
      },
      average_retries: {
        description: 'Average retry_count of failures created in the last 24 hours',
        ...a.averageRetries,
      },
    };
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Make every failure matching the filter due now (all when the filter is empty)',
    description:
      'Includes failures waiting for manual intervention. retry_count is kept; a failure at the maximum gets one more attempt. The retry job sends them on its next run.',
  })
  @ApiBody({ schema: RETRY_SYNC_FAILURES_SCHEMA, required: false })
  @ApiOkResponse({ type: ScheduledRetryDto })
  async retryMatching(
    @Body(new SchemaPipe(RETRY_SYNC_FAILURES_SCHEMA, 'body')) body: SyncFailureFilter,
  ): Promise<ScheduledRetryDto> {
    const scheduled = await this.failures.scheduleNow({
      entityType: body.entity_type,
      entityId: body.entity_id,
      critical: body.critical,
    });
    return { scheduled: scheduled.count, next_retry_at: scheduled.dueAt.toISOString() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sync failure' })
  @ApiParamFrom('id', SYNC_FAILURE_ID_SCHEMA)
  @ApiOkResponse({ type: SyncFailureDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such failure' })
  async find(@FailureId() id: string): Promise<SyncFailureDto> {
    return toDto(await this.found(this.reports.find(id), id));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry one failure now and answer the outcome',
    description: 'Sends the current row (or a DELETE if it is gone), whatever the failure’s state.',
  })
  @ApiParamFrom('id', SYNC_FAILURE_ID_SCHEMA)
  @ApiOkResponse({ type: RetryResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such failure' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'EXTERNAL_SYNC_URL is not set' })
  async retryOne(@FailureId() id: string): Promise<RetryResultDto> {
    if (!this.retry.enabled)
      throw new ConflictException('External sync is not configured (EXTERNAL_SYNC_URL is not set)');
    const result = await this.found(this.retry.retryNow(id), id);
    const after = result.outcome === 'delivered' ? undefined : await this.reports.find(id);
    return { id, outcome: result.outcome, error: result.error, failure: after ? toDto(after) : null };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Discard a failure: it is never delivered (logged)' })
  @ApiParamFrom('id', SYNC_FAILURE_ID_SCHEMA)
  @ApiOkResponse({ type: SyncFailureDto, description: 'The discarded failure' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such failure' })
  async discard(@FailureId() id: string): Promise<SyncFailureDto> {
    return toDto(await this.found(this.failures.discard(id), id));
  }

  private async page(
    filter: { entityType?: string; entityId?: string; critical?: boolean },
    page: number,
    limit: number,
  ): Promise<SyncFailurePageDto> {
    const { items, total } = await this.reports.list(filter, page, limit);
    return { items: items.map(toDto), total, page, limit };
  }

  private async found<T>(value: Promise<T | undefined>, id: string): Promise<T> {
    const result = await value;
    if (result === undefined) throw new NotFoundException(`Sync failure ${id} not found`);
    return result;
  }
}

function toDto(failure: FailedDelivery): SyncFailureDto {
  return {
    id: failure.id,
    entity_type: failure.entityType,
    entity_id: failure.entityId,
    action: failure.action,
    error: failure.error,
    payload: failure.payload,
    retry_count: failure.retryCount,
    last_retry_at: failure.lastRetryAt?.toISOString() ?? null,
    next_retry_at: failure.nextRetryAt?.toISOString() ?? null,
    critical: failure.critical,
    client_id: failure.clientId,
    table_name: failure.tableName,
    record_id: failure.recordId,
    operation_id: failure.operationId,
    device_id: failure.deviceId,
    created_at: failure.createdAt.toISOString(),
    updated_at: failure.updatedAt.toISOString(),
  };
}

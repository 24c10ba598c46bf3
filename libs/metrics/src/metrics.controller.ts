import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ADMIN_AUTH, ErrorResponseDto } from '@app/common';
import { Metrics } from './metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

/** GET /metrics on the API port (when METRICS_PORT is not set). */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @UseGuards(MetricsTokenGuard)
  @ApiBearerAuth(ADMIN_AUTH)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'metrics',
    summary: 'Prometheus metrics (text format); bearer METRICS_TOKEN or the admin token',
  })
  // The text type on the 200 answer only: a refusal is JSON in the one error shape.
  @ApiOkResponse({
    description: 'Every metric in the Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing or invalid metrics token' })
  scrape(): Promise<string> {
    return this.metrics.text();
  }
}

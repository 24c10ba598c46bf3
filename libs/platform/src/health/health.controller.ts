import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { PrismaService } from '@app/database';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: 200 only when the database answers' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  // 4 s: a first connection on a loaded machine can take seconds; under Docker's 5 s probe timeout.
  check() {
    return this.health.check([() => this.database.pingCheck('database', this.prisma).withTimeout(4_000)]);
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ClientAuth, ClientId, ErrorResponseDto, RECORD_ID_SCHEMA, RecordIdPipe } from '@app/common';
import { JobProgressDto } from './job-progress.dto';
import { JobProgressService } from './job-progress.service';

@ApiTags('ingest')
@ClientAuth()
@Controller()
export class JobProgressController {
  constructor(private readonly jobs: JobProgressService) {}

  @Get('jobs/:id_cola')
  @ApiOperation({
    operationId: 'jobProgress',
    summary: "Progress of one of the client's queue jobs (id_cola): counts by state, the errors, when it finished",
    description:
      'Counts every operation this client logged with the id_cola, synchronous or asynchronous, in every table.',
  })
  @ApiParam({
    name: 'id_cola',
    description: 'The job id (answered by a 202, or the id_cola the client sent)',
    schema: { ...RECORD_ID_SCHEMA, example: 'job123' },
  })
  @ApiOkResponse({ type: JobProgressDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No operation of this client has this id_cola' })
  progress(@ClientId() clientId: string, @Param('id_cola', RecordIdPipe) queueId: string): Promise<JobProgressDto> {
    return this.jobs.progress(clientId, queueId);
  }
}

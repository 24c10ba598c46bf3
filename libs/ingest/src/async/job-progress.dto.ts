import { ApiProperty } from '@nestjs/swagger';
import { OperationType } from '@app/database';
import { BatchEntryRefDto } from '../ingest.dto';

export class JobErrorDto {
  @ApiProperty({ description: 'Synced table', example: 'venta' })
  table: string;

  @ApiProperty({ description: 'The record id', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'The operation', enum: Object.values(OperationType), example: 'CREATE' })
  operation: string;

  @ApiProperty({
    description: 'Why it failed',
    example: 'Could not be stored: the record breaks the table\'s rule "total_positive"',
    nullable: true,
    type: String,
  })
  error: string | null;

  @ApiProperty({ description: 'Id of the operation in the log', example: '42' })
  operation_id: string;
}

export class JobProgressDto {
  @ApiProperty({ description: 'The job id', example: 'job123' })
  id_cola: string;

  @ApiProperty({
    description: 'PROCESSING while any operation is queued or being applied; COMPLETED once all are COMPLETED or ERROR',
    enum: ['PROCESSING', 'COMPLETED'],
    example: 'PROCESSING',
  })
  status: string;

  @ApiProperty({ description: 'Operations logged with this id_cola', example: 1000 })
  total: number;

  @ApiProperty({
    description: 'Waiting for a worker (a batch being applied counts here until it commits)',
    example: 400,
  })
  queued: number;

  @ApiProperty({
    description: 'Logged PROCESSING (workers apply a claimed batch in one transaction, so this is normally 0)',
    example: 0,
  })
  processing: number;

  @ApiProperty({ description: 'Applied (or safely bypassed, with a note)', example: 598 })
  completed: number;

  @ApiProperty({ description: 'Failed: the client resends these', example: 2 })
  error: number;

  @ApiProperty({
    description:
      "Present only when retention (OPERATION_LOG_RETENTION) retired some of the job's operations (archived, see docs/operation-log.md): how many. They had finished (COMPLETED or ERROR) and count in `total`, in no other count; their errors are no longer listed",
    example: 400,
    required: false,
  })
  archived?: number;

  @ApiProperty({
    description: 'The failed operations with their record ids, oldest first (up to 1,000)',
    type: [JobErrorDto],
  })
  errors: JobErrorDto[];

  @ApiProperty({ description: 'When the first operation of the job was logged', example: '2026-11-24T23:50:00.000Z' })
  accepted_at: string;

  @ApiProperty({
    description: 'When the last operation finished, once none is left; null before',
    example: null,
    nullable: true,
    type: String,
  })
  finished_at: string | null;
}

export class AcceptedResultDto extends BatchEntryRefDto {
  @ApiProperty({
    description:
      'QUEUED (logged, a worker applies it; status answers PROCESSING until then) or ERROR (invalid, nothing queued)',
    enum: ['QUEUED', 'ERROR'],
    example: 'QUEUED',
  })
  status: string;

  @ApiProperty({
    description: 'Why the entry failed',
    example: 'ver must be an integer from 1 to 2147483647',
    required: false,
  })
  error?: string;

  @ApiProperty({ description: 'Id of the operation in the log', example: '42', required: false })
  operation_id?: string;
}

export class AcceptedJobDto {
  @ApiProperty({ description: 'Always "accepted" on 202', example: 'accepted' })
  status: 'accepted';

  @ApiProperty({
    description: "The job id: the records' id_cola, or made up when they gave none. Progress: GET /jobs/{id_cola}",
    example: 'job123',
  })
  id_cola: string;

  @ApiProperty({ description: 'One entry per record, in request order', type: [AcceptedResultDto] })
  results: AcceptedResultDto[];

  @ApiProperty({ description: 'How many entries are QUEUED', example: 999 })
  queued: number;

  @ApiProperty({ description: 'How many entries are ERROR', example: 1 })
  failed: number;
}

export class AcceptedSingleDto {
  @ApiProperty({ description: 'Always "accepted" on 202: the operation is durably logged QUEUED', example: 'accepted' })
  status: 'accepted';

  @ApiProperty({
    description:
      "The job id (the id_cola sent, or made up); null only for a synchronous write queued behind the record's waiting operations without an id_cola",
    example: 'job123',
    nullable: true,
    type: String,
  })
  id_cola: string | null;

  @ApiProperty({ description: 'The record id', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'The operation queued', enum: Object.values(OperationType), example: 'CREATE' })
  operation: string;

  @ApiProperty({
    description: 'Id of the operation in the log (also the Idempotency-Key sent to the external system)',
    example: '42',
  })
  operation_id: string;
}

import { applyDecorators, HttpCode, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ApiQueryFrom, ApiRecordIdParam, ErrorResponseDto, SchemaPipe } from '@app/common';
import { DELETE_QUERY_SCHEMA, RECORD_BODY_SCHEMA, SingleIngestResponseDto, UPDATE_BODY_SCHEMA } from './ingest.dto';
import { AcceptedSingleDto } from './async/job-progress.dto';

/**
 * The OpenAPI documentation of the ingest routes (IngestController), kept apart from the handlers:
 * what each route answers, its body schema and its query, and how the DELETE query is validated.
 */

// Asynchronous handling (README "Asynchronous ingest"), on every write route.
export const AsyncDocs = (accepted: unknown) =>
  applyDecorators(
    ApiHeader({
      name: 'Prefer',
      required: false,
      description:
        'Leave empty for the synchronous answer (the default). `respond-async` (RFC 7240): queue the write and answer 202 at once; a worker applies it',
      // An enum, not an example: Swagger UI's "Try it out" pre-fills an example, and the default
      // execution would be asynchronous.
      schema: { type: 'string', enum: ['respond-async'] },
    }),
    ApiAcceptedResponse({
      type: accepted as never,
      description:
        'Queued (with Prefer: respond-async, or because the record already had operations waiting): the job id and one entry per record',
    }),
    ApiServiceUnavailableResponse({
      type: ErrorResponseDto,
      description: 'Asynchronous queue deeper than ASYNC_MAX_QUEUE_DEPTH; see Retry-After',
    }),
  );

// Each route exists twice, on DEFAULT_TABLE (/items) and on any table (/tables/{table}/items), as
// separate handlers so that Swagger documents each path exactly (SyncedTablePipe maps a missing
// :table to DEFAULT_TABLE).
/** A single-record write: 200 with its answer, 202 when queued; `extra` documents its own inputs. */
const SingleRecordDocs = (operationId: string, summary: string, description: string, ...extra: MethodDecorator[]) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ operationId, summary, description }),
    ...extra,
    ApiOkResponse({ type: SingleIngestResponseDto }),
    AsyncDocs(AcceptedSingleDto),
  );
export const CreateDocs = (operationId: string, summary: string) =>
  SingleRecordDocs(
    operationId,
    summary,
    'Resending is safe: a record that already exists is left untouched and logged COMPLETED with note "Duplicate bypassed".',
    ApiBody({ schema: RECORD_BODY_SCHEMA }),
  );
export const UpdateDocs = (operationId: string, summary: string) =>
  SingleRecordDocs(
    operationId,
    summary,
    'Creates the record if it does not exist (noted). Ignored, with note "Stale version ignored", when `ver` is older than the stored `_ver`.',
    ApiRecordIdParam('The record id'),
    ApiBody({ schema: UPDATE_BODY_SCHEMA }),
  );
export const DeleteDocs = (operationId: string, summary: string) =>
  SingleRecordDocs(
    operationId,
    summary,
    'A record that does not exist is logged COMPLETED with note "Already deleted".',
    ApiRecordIdParam('The record id'),
    ApiQueryFrom(DELETE_QUERY_SCHEMA),
  );
export const DeleteQueryParams = () => Query(new SchemaPipe(DELETE_QUERY_SCHEMA, 'query'));

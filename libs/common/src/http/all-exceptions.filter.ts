import { ArgumentsHost, Catch, ExceptionFilter, HttpServer, Logger } from '@nestjs/common';
import { ErrorContext, toErrorResponse } from './error-mapping';

type AnyRequest = { id?: string };
type AnyResponse = { raw?: object } & object;

/**
 * Answers an error in the one JSON error shape, on any HTTP platform (`adapter` writes the reply).
 * Each failed request is logged once: bugs here, with their stack; a database outage by the
 * request log line, which carries the reason (pino-http reads `err` from the raw response); a
 * failed health check here, because /health requests are not request-logged.
 */
export function sendError(
  adapter: HttpServer,
  error: unknown,
  request: AnyRequest,
  response: AnyResponse,
  logger: Logger,
  context: ErrorContext = {},
): void {
  const { body, internal, logReason } = toErrorResponse(error, context);
  const requestId = request.id;
  if (internal) logger.error({ err: error, requestId }, 'Unhandled error');
  else if (logReason) logger.warn({ requestId, reason: logReason }, body.message);
  else if (body.statusCode === 503) Object.assign(response.raw ?? response, { err: error });
  if (adapter.isHeadersSent(response)) return;
  adapter.reply(response, { ...body, ...(requestId ? { requestId } : {}) }, body.statusCode);
}

/** The one place errors become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(
    private readonly adapter: HttpServer,
    private readonly context: ErrorContext = {},
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(
      this.adapter,
      error,
      http.getRequest<AnyRequest>(),
      http.getResponse<AnyResponse>(),
      this.logger,
      this.context,
    );
  }
}

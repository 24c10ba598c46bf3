import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { toErrorResponse } from './error-mapping';

function send(error: unknown, request: Request, response: Response, logger: Logger): void {
  const { body, internal } = toErrorResponse(error);
  const requestId = (request as Request & { id?: string }).id;
  if (internal) logger.error({ err: error, requestId }, 'Unhandled error');
  else if (body.statusCode === 503) logger.warn({ requestId, reason: (error as Error)?.message }, 'Database unavailable');
  if (response.headersSent) return;
  response.status(body.statusCode).json({ ...body, ...(requestId ? { requestId } : {}) });
}

/** The one place errors become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    send(error, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

/** Express error middleware for failures before Nest's router (body parsing), same JSON shape. */
export function expressErrorHandler() {
  const logger = new Logger('HTTP');
  return (error: unknown, request: Request, response: Response, _next: NextFunction): void => send(error, request, response, logger);
}

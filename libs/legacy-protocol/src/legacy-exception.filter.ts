import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toErrorResponse } from '@app/common';
import { codeForStatus, LegacyErrorEnvelope, LegacyProtocolError } from './legacy-errors';

/**
 * Answers every error of the protocol's routes in its envelope `{status, msg, status_id,
 * status_code}`: the protocol's own refusals with their codes, anything else (a missing key, an
 * outage, a bug) mapped by the app's one error mapping first, so messages never carry internals.
 */
@Catch()
export class LegacyExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('LegacyProtocol');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest<{ id?: string }>();
    const { envelope, retryAfter } = this.envelopeOf(error, request.id);
    const adapter = this.adapterHost.httpAdapter;
    if (retryAfter !== undefined) adapter.setHeader(response, 'Retry-After', String(retryAfter));
    adapter.reply(response, envelope, envelope.status_code);
  }

  private envelopeOf(
    error: unknown,
    requestId: string | undefined,
  ): { envelope: LegacyErrorEnvelope; retryAfter?: number } {
    if (error instanceof LegacyProtocolError)
      return { envelope: error.envelope(), retryAfter: error.retryAfterSeconds };
    const { body, internal } = toErrorResponse(error);
    if (internal) this.logger.error({ err: error, requestId }, 'Unhandled error');
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
    const retryAfter = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
    return {
      envelope: {
        status: 'error',
        msg: message,
        status_id: codeForStatus(body.statusCode),
        status_code: body.statusCode,
      },
      retryAfter: typeof retryAfter === 'number' ? retryAfter : undefined,
    };
  }
}

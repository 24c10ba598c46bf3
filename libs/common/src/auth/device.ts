import { applyDecorators, BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest as Request } from 'fastify';

/** The header a request names its device with (docs/multi-device.md). */
export const DEVICE_HEADER = 'x-device-id';

/** 1 to 64 characters of letters, digits and `.`, `_`, `:`, `-`. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The device a request acts for, or null when it names none. The one place that decides it: a
 * credential bound to a device (a later issue) makes its device win here, and a header naming
 * another device is then refused (403).
 */
export function resolveDeviceId(request: Pick<Request, 'headers'>): string | null {
  const header = request.headers[DEVICE_HEADER];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !DEVICE_ID_PATTERN.test(header))
    throw new BadRequestException(`${DEVICE_HEADER} must be 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-"`);
  return header;
}

/** The request's device (resolveDeviceId): null when it names none; a malformed header is a 400. */
export const DeviceId = createParamDecorator((_: unknown, context: ExecutionContext): string | null =>
  resolveDeviceId(context.switchToHttp().getRequest()),
);

/** Documents the optional X-Device-Id header on a route. */
export const ApiDeviceHeader = () =>
  applyDecorators(
    ApiHeader({
      name: 'X-Device-Id',
      required: false,
      description:
        'The device making the request (a till, a tablet): 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":", "-". Kept with each operation logged; recognises a resend of the same change (docs/multi-device.md)',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$', example: 'till-2' },
    }),
  );

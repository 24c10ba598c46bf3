import {
  BadRequestException,
  ConflictException,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { toErrorResponse } from './error-mapping';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

// How Prisma 7 with @prisma/adapter-pg reports a connection lost under a query.
const prismaAdapterError = (originalCode: string) =>
  Object.assign(new Error('Invalid `prisma.venta.findMany()` invocation'), {
    code: 'P2010',
    clientVersion: '7.10.1',
    meta: {
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: { originalCode, originalMessage: 'terminating connection' },
      },
    },
  });

describe(toErrorResponse.name, () => {
  describe('HttpException', () => {
    it('keeps its status and message', () => {
      expect(toErrorResponse(new NotFoundException('No such record'))).toEqual({
        body: { statusCode: 404, error: 'Not Found', message: 'No such record' },
        internal: false,
      });
      expect(toErrorResponse(new ConflictException('Already exists')).body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Already exists',
      });
    });

    it('takes a string response as the message', () => {
      expect(toErrorResponse(new HttpException('Slow down', HttpStatus.TOO_MANY_REQUESTS)).body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Slow down',
      });
    });

    it('joins validation messages and lists each one in details', () => {
      const error = new BadRequestException(['id must be a string', 'ver must be a positive integer']);
      expect(toErrorResponse(error)).toEqual({
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'id must be a string; ver must be a positive integer',
          details: ['id must be a string', 'ver must be a positive integer'],
        },
        internal: false,
      });
    });

    it('marks a 500 HttpException as internal', () => {
      expect(toErrorResponse(new InternalServerErrorException('broken')).internal).toBe(true);
    });

    it('names the failed checks of a terminus health check but not their messages (for the log only), and does not count it as a bug', () => {
      const terminus = new HttpException(
        { status: 'error', info: {}, error: { database: { status: 'down', message: 'timeout' } }, details: {} },
        503,
      );
      expect(toErrorResponse(terminus)).toEqual({
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Health check failed: database',
          details: ['database: down'],
        },
        internal: false,
        logReason: 'database: timeout',
      });
    });
  });

  describe("Fastify's own errors (as Nest hands them over: wrapped, the original as cause)", () => {
    const wrapped = (code: string, statusCode: number, message: string) =>
      new HttpException(message, statusCode, { cause: Object.assign(new Error(message), { code, statusCode }) });

    it('maps an oversized body to 413 with the limit', () => {
      expect(
        toErrorResponse(wrapped('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'Request body is too large'), {
          bodyLimitBytes: 2048,
        }).body,
      ).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Request body is larger than the limit of 2048 bytes',
      });
    });

    it('maps an unsupported content type to 415 and keeps other 4xx as Fastify states them', () => {
      expect(
        toErrorResponse(wrapped('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'Unsupported Media Type: text/plain')).body,
      ).toMatchObject({ statusCode: 415, message: 'Unsupported Content-Type: send application/json' });
      expect(
        toErrorResponse(
          wrapped('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'Request body size did not match Content-Length'),
        ).body,
      ).toMatchObject({ statusCode: 400, message: 'Request body size did not match Content-Length' });
    });

    it('does not take a 5xx from Fastify as a client error', () => {
      expect(
        toErrorResponse(Object.assign(new Error('x'), { code: 'FST_ERR_HANDLER_TIMEOUT', statusCode: 503 })).internal,
      ).toBe(true);
    });
  });

  describe('database unavailable', () => {
    it.each([
      ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
      ['an admin shutdown (57P01)', withCode('terminating connection due to administrator command', '57P01')],
      ['a connection exception class 08', withCode('connection failure', '08006')],
      ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
      [
        'Prisma P1001',
        Object.assign(new Error("Can't reach database server"), { code: 'P1001', clientVersion: '7.10.1' }),
      ],
      ['a pool timeout', new Error('timeout exceeded when trying to connect')],
      [
        'a terminated connection nested as a cause',
        new Error('query failed', { cause: new Error('Connection terminated unexpectedly') }),
      ],
      ["a driver adapter's SQLSTATE", prismaAdapterError('57P01')],
    ])('maps %s to 503', (_, error) => {
      expect(toErrorResponse(error)).toEqual({
        body: { statusCode: 503, error: 'Service Unavailable', message: 'Database unavailable, please retry shortly' },
        internal: false,
      });
    });
  });

  describe('anything else', () => {
    it.each([
      ['an Error', new Error('secret internals: SELECT * FROM users')],
      ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
      ['a thrown string', 'boom'],
      ['undefined', undefined],
      ['null', null],
    ])('maps %s to a 500 that reveals nothing and is logged', (_, error) => {
      expect(toErrorResponse(error)).toEqual({
        body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
        internal: true,
      });
    });
  });
});

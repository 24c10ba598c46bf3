import { databaseMessage, isDatabaseUnavailable, isDataError, isRetryable, sqlState } from './database-errors';

// The shape Prisma 7 (driver adapters) gives a failed raw query.
const prismaRawQueryError = (originalCode: string, originalMessage: string) =>
  Object.assign(new Error('\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed.'), {
    code: 'P2010',
    clientVersion: '7.10.1',
    meta: {
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: { originalCode, originalMessage, kind: 'InvalidInputValue' },
      },
    },
  });

describe(sqlState.name, () => {
  it("reads the SQLSTATE behind Prisma's P2010, not Prisma's own code", () => {
    expect(sqlState(prismaRawQueryError('40P01', 'deadlock detected'))).toBe('40P01');
    expect(sqlState(prismaRawQueryError('P0001', 'raised by a trigger'))).toBe('P0001');
  });

  it('reads a node-pg error code and a wrapped cause', () => {
    expect(sqlState(Object.assign(new Error('dup'), { code: '23505' }))).toBe('23505');
    expect(sqlState(new Error('outer', { cause: Object.assign(new Error('inner'), { code: '22P02' }) }))).toBe('22P02');
  });

  it('finds none in errors without one', () => {
    expect(sqlState(new Error('plain'))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('net'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('prisma'), { code: 'P2025', clientVersion: '7' }))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
  });
});

describe(databaseMessage.name, () => {
  it("gives PostgreSQL's message rather than Prisma's invocation banner", () => {
    expect(databaseMessage(prismaRawQueryError('22P02', 'invalid input syntax for type json'))).toBe(
      'invalid input syntax for type json',
    );
    expect(databaseMessage(new Error('first line\nsecond'))).toBe('first line');
  });
});

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe(isDatabaseUnavailable.name, () => {
  it('is false for errors the database raised while available', () => {
    expect(isDatabaseUnavailable(withCode('deadlock detected', '40P01'))).toBe(false);
    expect(isDatabaseUnavailable(prismaRawQueryError('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
  });

  it('is true for what a starting or unreachable database gives', () => {
    expect(isDatabaseUnavailable(withCode('getaddrinfo EAI_AGAIN db', 'EAI_AGAIN'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
  });
});

describe(isRetryable.name, () => {
  it('is true for a deadlock or a serialization failure only', () => {
    expect(isRetryable(prismaRawQueryError('40P01', 'deadlock detected'))).toBe(true);
    expect(isRetryable(withCode('could not serialize access', '40001'))).toBe(true);
    expect(isRetryable(withCode('duplicate key', '23505'))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});

describe(isDataError.name, () => {
  it('is true for data exceptions, integrity violations and program limits, not for an unavailable database', () => {
    expect(isDataError(prismaRawQueryError('22P05', 'unsupported Unicode escape sequence'))).toBe(true);
    expect(isDataError(withCode('duplicate key', '23505'))).toBe(true);
    expect(isDataError(withCode('index row size exceeds maximum', '54000'))).toBe(true);
    expect(isDataError(withCode('deadlock detected', '40P01'))).toBe(false);
    expect(isDataError(withCode('terminating connection', '57P01'))).toBe(false);
    expect(isDataError(new Error('plain'))).toBe(false);
  });
});

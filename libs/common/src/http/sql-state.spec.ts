import { databaseMessage, sqlState } from './error-mapping';

// The shape Prisma 7 (driver adapters) gives a failed raw query.
const prismaRawQueryError = (originalCode: string, originalMessage: string) =>
  Object.assign(new Error('\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed.'), {
    code: 'P2010',
    clientVersion: '7.10.1',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode, originalMessage, kind: 'InvalidInputValue' } } },
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
    expect(databaseMessage(prismaRawQueryError('22P02', 'invalid input syntax for type json'))).toBe('invalid input syntax for type json');
    expect(databaseMessage(new Error('first line\nsecond'))).toBe('first line');
  });
});

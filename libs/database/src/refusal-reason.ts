import { sqlState } from './database-errors';

/**
 * What the database refused about a record, in the project's words. Clients read it (a batch
 * entry's `error`, a status answer's `error_details`, a 422's message), so PostgreSQL's own text
 * never reaches them: it names types, functions and values of the server's, and the log keeps it.
 * A constraint's name is kept: it is the table's own rule, which the operator who added it named.
 */
export function refusalReason(error: unknown): string {
  const code = sqlState(error) ?? '';
  const rule = constraintOf(error);
  const named = rule ? ` "${rule}"` : '';
  switch (code) {
    case '23514':
      return `the record breaks the table's rule${named}`;
    case '23505':
      return `the record would duplicate another one (unique rule${named})`;
    case '23503':
      return `the record refers to something that does not exist (rule${named})`;
    case '23502':
      return 'a value the table requires is missing';
    case '22001':
      return 'a value is longer than the table allows';
    case '22003':
      return "a number is out of the database's range";
  }
  if (code.startsWith('22')) return 'a value is not in a form the database can store (text, number or JSON)';
  if (code.startsWith('23')) return `the record breaks one of the table's rules${named}`;
  if (code.startsWith('54')) return 'the record is too large or too complex for the database';
  return 'the database refused the record';
}

/** The constraint behind an integrity error: node-pg gives it as `constraint`, Prisma only in its message. */
function constraintOf(error: unknown): string | undefined {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 6; depth++) {
    if (typeof e.constraint === 'string') return e.constraint;
    for (const text of [e.originalMessage, e.message]) {
      const named = typeof text === 'string' ? /constraint "([^"]+)"/.exec(text)?.[1] : undefined;
      if (named) return named;
    }
    e = (e.cause ?? (e.meta as Record<string, unknown> | undefined)?.driverAdapterError) as typeof e;
  }
  return undefined;
}

import { BadRequestException, PipeTransform } from '@nestjs/common';

export const MAX_RECORD_ID_LENGTH = 255;

// PostgreSQL text cannot hold NUL, and control characters in ids are always a client bug.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `value` is not a usable record id (`_hash_id`), or undefined when it is. */
export function recordIdProblem(value: unknown, name = 'id'): string | undefined {
  if (value === undefined || value === null) return `${name} is required`;
  if (typeof value !== 'string') return `${name} must be a string`;
  if (value.length === 0) return `${name} must not be empty`;
  if (value.length > MAX_RECORD_ID_LENGTH) return `${name} must be at most ${MAX_RECORD_ID_LENGTH} characters`;
  if (CONTROL.test(value)) return `${name} must not contain control characters`;
  return undefined;
}

/** Validates a record id taken from the path. */
export class RecordIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const problem = recordIdProblem(value);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

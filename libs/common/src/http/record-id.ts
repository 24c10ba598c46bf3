import { BadRequestException, PipeTransform } from '@nestjs/common';
import { checkValue, RECORD_ID_SCHEMA } from './request-rules';

export { MAX_RECORD_ID_LENGTH } from './request-rules';

/** Why `value` is not a usable record id (`_hash_id`), or undefined when it is (RECORD_ID_SCHEMA). */
export function recordIdProblem(value: unknown, name = 'id'): string | undefined {
  return checkValue(RECORD_ID_SCHEMA, value, name);
}

/** Validates a record id taken from the path. */
export class RecordIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const problem = recordIdProblem(value);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

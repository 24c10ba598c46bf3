import { lossyNumberProblem } from '@app/common';
import { LegacyCode, LegacyProtocolError } from './legacy-errors';

/**
 * Reads an NDJSON body: one JSON object per line (`\n` or `\r\n`), blank lines skipped. The first
 * line that is not a JSON object is INVALID_NDJSON naming its line number (1-based), so a client
 * can find it; nothing of the body is used then.
 */
export function readNdjson(text: string, maxLines: number): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (content === '') continue;
    if (objects.length === maxLines) {
      throw new LegacyProtocolError(
        LegacyCode.TooManyRecords,
        413,
        `At most ${maxLines} records per request (line ${line} is one more)`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      throw LegacyProtocolError.badRequest(LegacyCode.InvalidNdjson, `Invalid JSON at line ${line}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw LegacyProtocolError.badRequest(LegacyCode.InvalidNdjson, `Line ${line} must be a JSON object`);
    }
    const lossy = lossyNumberProblem(content);
    if (lossy) throw LegacyProtocolError.badRequest(LegacyCode.InvalidRecords, `Line ${line}: ${lossy}`);
    objects.push(value as Record<string, unknown>);
  }
  return objects;
}

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The committed types of @resync/client, generated from the server's OpenAPI document. */
export const API_TYPES_FILE = join(__dirname, '../../libs/client/src/api-types.ts');
const GENERATOR = join(__dirname, '../../libs/client/scripts/api-types.mjs');

/** The TypeScript that openapi-typescript makes of a document (deterministic for one document). */
export function typesFromDocument(document: object): string {
  return execFileSync(process.execPath, [GENERATOR], {
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

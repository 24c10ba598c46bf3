import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_JSON_DEPTH } from './json-body';
import { errorExample } from './openapi-error-examples';

type Responses = Record<
  string,
  { description: string; content?: Record<string, { schema: object; example?: object }> }
>;
type Content = Record<string, { schema: { oneOf?: Record<string, unknown>[] } }>;
type Operation = { responses: Responses; requestBody?: { content?: Content }; security?: Record<string, unknown>[] };

const ERROR_REF = '#/components/schemas/ErrorResponseDto';
/** The default body limit (config: BODY_LIMIT_BYTES), for the 413 example when none is given. */
const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * The answers the HTTP layer itself gives to any operation, stated once here where that layer is
 * configured (http-setup): bad input 400, a missing key 401, a body too large 413 or of the wrong
 * kind 415, the database down 503. Error answers without a documented body get the one error shape. Request bodies
 * and objects of the request schemas refuse unknown properties, as the validation does.
 */
export function completeDocument(
  document: OpenAPIObject,
  requestSchemas: string[],
  options: { bodyLimitBytes?: number } = {},
): OpenAPIObject {
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  for (const [path, methods] of Object.entries(document.paths)) {
    if (path === '/health') continue;
    for (const operation of Object.values(methods as Record<string, Operation>)) {
      const add = (status: string, description: string) => (operation.responses[status] ??= { description });
      add('400', 'Bad input: a parameter or the body breaks a documented rule, or malformed JSON; nothing is written');
      add('431', "Request headers over Node's limit (16 KiB)");
      if (path.includes('{')) add('414', 'A path parameter over its length limit');
      if (operation.security?.length) add('401', 'Missing or unknown key');
      if (operation.requestBody) {
        splitBodyByContentType(operation.requestBody.content);
        add('408', 'The request did not arrive whole within HTTP_REQUEST_TIMEOUT');
        add('413', 'Body over BODY_LIMIT_BYTES (after decompression)');
        add(
          '415',
          'Not application/json, a charset other than UTF-8, or an unsupported Content-Encoding (gzip, deflate and br are accepted)',
        );
      }
      add('503', 'The database is unavailable; retry');
      // An error answer documented without a body gets the one error shape; one with its own (the
      // legacy protocol's envelope) keeps it. Each answer in the one shape gets its own status's
      // example (Swagger UI would otherwise show the 400 one made of the DTO's property examples).
      const admin = operation.security?.some((scheme) => 'admin-token' in scheme) ?? false;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        response.content ??= { 'application/json': { schema: { $ref: ERROR_REF } } };
        const json = response.content['application/json'];
        if ((json?.schema as { $ref?: string } | undefined)?.$ref !== ERROR_REF) continue;
        const example = errorExample(status, { path, admin, description: response.description, bodyLimitBytes });
        // A copy: decorators may share one content object between answers.
        response.content = { ...response.content, 'application/json': { ...json, example } };
      }
    }
  }
  for (const name of requestSchemas) {
    const schema = document.components?.schemas?.[name] as { additionalProperties?: boolean } | undefined;
    if (schema) schema.additionalProperties = false;
  }
  document.info.description +=
    ` Bodies are JSON in UTF-8, nested at most ${MAX_JSON_DEPTH} levels.` +
    ' Unknown query parameters and, where a schema says additionalProperties: false, unknown body properties are refused (400).';
  return document;
}

/**
 * A body documented as `oneOf` alternatives each marked with the content type it is sent as
 * (`x-content-type`) is stated per content type instead: the JSON form under application/json,
 * the NDJSON text under text/plain, never both under each.
 */
function splitBodyByContentType(content: Content | undefined): void {
  for (const [type, media] of Object.entries(content ?? {})) {
    const forType = media.schema.oneOf?.filter((alternative) => alternative['x-content-type'] !== undefined);
    if (!forType?.length) continue;
    const { 'x-content-type': _type, ...schema } = forType.find((a) => a['x-content-type'] === type) ?? {};
    media.schema = schema;
  }
}

#!/usr/bin/env node
// Reads an OpenAPI document (JSON) on stdin and prints the TypeScript types openapi-typescript
// makes of it, with the header of libs/client/src/api-types.ts. Run by
// test/client/openapi-types.e2e-spec.ts (plain node: openapi-typescript loads ES modules that
// jest cannot).
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `// Generated from the server's OpenAPI document (/docs-json) by \`npm run client:types\`.
// Do not edit: test/client/openapi-types.e2e-spec.ts fails when this file and the server disagree.
`;

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const ast = await openapiTS(JSON.parse(input), { alphabetize: true });
process.stdout.write(HEADER + astToString(ast));

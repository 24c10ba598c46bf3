// Lets plain Node programs (the bench, child processes of tests) require this repository's
// TypeScript sources, compiled by the same swc that jest uses. Only for files whose imports are
// Node's and npm packages' (no @app/ paths), such as libs/database/src/embedded-postgres.ts.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

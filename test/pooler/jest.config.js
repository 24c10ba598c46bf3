// `npm run test:pooler`: the hot paths through Debian's PgBouncer in transaction mode (docs/scaling.md
// "Behind a transaction-mode pooler"). Same transform, module mapping and database setup as
// `npm test`, which never runs these files.
const base = require('../../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/pooler'],
  testRegex: '.*\\.pooler-spec\\.ts$',
  maxWorkers: 1,
  testTimeout: 120_000,
};

// `npm run test:browser`: the suites that need Debian's chromium (README "Browser test"). Same
// transform, module mapping and database setup as `npm test`, which never runs these files.
const base = require('../../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testRegex: '.*\\.browser-spec\\.ts$',
  maxWorkers: 1,
  testTimeout: 120_000,
};

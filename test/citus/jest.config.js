// `npm run test:citus`: the app on a Citus cluster, a coordinator and two workers of the system's
// PostgreSQL 15 (docs/scaling.md "Scaling out with Citus"). Same transform and module mapping as
// `npm test`, which never runs these files; the cluster instead of the embedded PostgreSQL.
const base = require('../../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/citus'],
  testRegex: '.*\\.citus-spec\\.ts$',
  globalSetup: '<rootDir>/test/citus/global-setup.ts',
  globalTeardown: '<rootDir>/test/citus/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
};

// One jest run covers the three tiers: *.spec.ts (unit, beside the code), *.int-spec.ts
// (integration, real PostgreSQL) and test/**/*.e2e-spec.ts (HTTP). See README "Tests".
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// NestJS 12 and a few of its dependencies ship ES modules only; jest runs CommonJS, so those
// packages are compiled too (once, then cached).
const esmPackages = [
  '@nestjs',
  '@fastify/static',
  'content-disposition',
  'light-my-request',
  'cookie',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
  'cron',
  'luxon',
  'jose',
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    // Tests use the client package's source, not its build.
    '^@resync/client$': '<rootDir>/libs/client/src',
    '^@resync/client/(.*)$': '<rootDir>/libs/client/src/$1',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
    // The generated Prisma client imports its own .ts files with a .js extension.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30_000,
};

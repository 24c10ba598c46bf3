// ESLint (flat config): typescript-eslint's recommended rules, plus one rule of this project:
// configuration is read from the environment in one place, libs/common/src/config, and handed to
// everything else validated (README "Configuration").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noProcessEnv = {
  'no-restricted-properties': [
    'error',
    {
      object: 'process',
      property: 'env',
      message: 'Read configuration through libs/common/src/config (AppConfig), not process.env.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'coverage/',
      '.data/',
      'bench/out/',
      'libs/database/src/generated/',
      'libs/client/src/api-types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...noProcessEnv,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
      ],
    },
  },
  {
    // CommonJS programs: the bench, scripts, jest's config.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests: fakes take arbitrary JSON, and optional stores are loaded lazily with require().
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/client/**/*.{ts,mjs}', 'test/client/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Where the environment is legitimately read: the config library itself; the entry points that
    // hand process.env to it (or, for CLIs, on to the child they run); scripts, the bench and tests,
    // which set up processes and databases around the app rather than configure it.
    files: [
      'libs/common/src/config/**',
      'libs/platform/src/bootstrap.ts',
      'apps/*/src/cli/**',
      'prisma.config.ts',
      'scripts/**',
      'bench/**',
      'sim/**',
      'libs/client/examples/**',
      'libs/client/scripts/**',
      'libs/testing/**',
      'test/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);

// Lint rules chosen for the bugs a Fastify + Kysely server and a Preact SPA actually have: promises nobody awaits,
// switches that miss a case when a union grows, conditions the types say can never change, dead code. Layout is
// Prettier's business (eslint-config-prettier last switches off every rule that would argue with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-results/'] },

  js.configs.recommended,

  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript itself reports undefined names and redeclarations, with the types to hand.
      'no-undef': 'off',
      'no-redeclare': 'off',
      'no-unused-vars': 'off',
      'no-unused-expressions': 'off',

      // A promise nobody awaits loses its error (an unhandled rejection kills the process) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected: its rejection goes nowhere.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Only where it changes behaviour: a promise returned from inside try escapes its catch and finally.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // A role, status or kind added to a union must be handled in every switch over it.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-unused-expressions': 'error',
      // Not require-await: every Fastify plugin and hook here is `async` without an await, which is how Fastify is told
      // not to wait for a `done` callback; the rule found 53 of those and no bug.
      '@typescript-eslint/no-base-to-string': 'error',
      // Not restrict-template-expressions: with noUncheckedIndexedAccess its 99 findings were regex groups and indexes
      // the code had already checked, and `any` in tests; no-base-to-string keeps the one failure that matters.
      // Passing on what a catch caught is fine; inventing a non-Error rejection is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-array-delete': 'error',
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      // A method of LiveHub, WorkerPool or LiveConnection passed on without its `this`.
      '@typescript-eslint/unbound-method': 'error',
    },
  },

  {
    // Component props are plain callbacks declared in method style (`onChange(x): void`), never bound to a `this`:
    // all 83 findings in the SPA's components were those. The SPA's classes live in .ts files, which keep the rule.
    files: ['web/src/**/*.tsx'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },

  {
    files: ['test/**'],
    rules: {
      // supertest's `response.body` is `any`: the assertions on it are the test, and typing every body would only
      // restate the schemas under test (1,700 findings, none a bug).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `let t: TestApp` is assigned in beforeAll, which may throw; then afterAll's `t?.close()` meets an undefined
      // the type does not admit. Those teardown guards were 136 of the 138 findings here.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },

  {
    files: [
      'server/**',
      'test/**',
      'bench/**',
      'migrations/**',
      '*.config.{ts,js}',
      'web/*.ts',
      '.dependency-cruiser.cjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  prettier,
);

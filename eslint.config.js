// @ts-check
// `npm run lint`. typescript-eslint's recommended rules for every TypeScript file, import cycles, and
// the module boundaries (see the README, "Lint and format"):
//   - the kernel imports no module: no @cellgraph/* but itself, no relative path out of subgraphs/kernel;
//   - a subgraph imports another module only as @cellgraph/<module>/contracts, the kernel as
//     @cellgraph/kernel, /core or /testing — never a module's root or src/, never ../../<other>/;
//   - the gateway imports no subgraph module: its sources only @cellgraph/kernel/core, its tests also
//     @cellgraph/kernel/testing and the harness under scripts/testing/;
//   - infra-pulumi imports only @cellgraph/kernel/core of our packages.
// scripts/ is the composition root (it starts cells) and may import every package.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import cellgraph from './scripts/lint/boundaries.js';

const TS = ['**/*.ts'];
const TESTS = ['**/test/**/*.ts', '**/*.test.ts'];
/** What a test may reach relatively outside its own area: the harnesses and the cell definitions. */
const TEST_HARNESS = ['scripts/testing/', 'scripts/runtime/'];

/** @param {string} regex @param {string} message */
const restrict = (regex, message) => ['error', { patterns: [{ regex, message }] }];

const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
    'AbortSignal',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'build/**', '**/coverage/**', '.cellgraph/**', 'schema/**', '**/*.generated.*', '**/gql/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: TS,
    plugins: { 'import-x': importX, cellgraph },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      // NodeNext sources import `./x.js` for `./x.ts`; workspace packages resolve to their sources
      // under the @cellgraph/source condition (tsconfig's customConditions).
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: './tsconfig.json', conditionNames: ['@cellgraph/source', 'types', 'import', 'node', 'default'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The web app: browser code (the DOM's globals come from TypeScript's lib), React's hook rules.
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/vite.config.ts', 'web/persisted-operations.ts', 'web/test/**'],
    extends: [tseslint.configs.recommended],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['subgraphs/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict('^@cellgraph/(?!kernel(/|$))', 'The kernel knows no module: it imports no @cellgraph package but itself.'),
      'cellgraph/relative-boundaries': 'error',
    },
  },
  {
    files: ['subgraphs/*/**/*.ts'],
    ignores: ['subgraphs/kernel/**'],
    rules: {
      'no-restricted-imports': restrict(
        '^@cellgraph/(?!kernel(/core|/testing)?$|[^/]+/contracts$)',
        'A subgraph imports another module only as @cellgraph/<module>/contracts, and the kernel as @cellgraph/kernel, @cellgraph/kernel/core or @cellgraph/kernel/testing.',
      ),
      'cellgraph/relative-boundaries': 'error',
    },
  },
  {
    files: TESTS.map((glob) => `subgraphs/*/${glob}`),
    ignores: ['subgraphs/kernel/**'],
    rules: { 'cellgraph/relative-boundaries': ['error', { allow: TEST_HARNESS }] },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        '^@cellgraph/(?!kernel/core$)',
        'The gateway imports no subgraph module and only the light kernel entry, @cellgraph/kernel/core.',
      ),
      'cellgraph/relative-boundaries': 'error',
    },
  },
  {
    files: TESTS.map((glob) => `gateway/${glob}`),
    rules: {
      'no-restricted-imports': restrict(
        '^@cellgraph/(?!kernel/(core|testing)$)',
        'Gateway tests import no subgraph module: @cellgraph/kernel/core and @cellgraph/kernel/testing only.',
      ),
      'cellgraph/relative-boundaries': ['error', { allow: TEST_HARNESS }],
    },
  },
  {
    // The Pulumi program reads cells without loading any subgraph: of our packages only the light kernel entry.
    files: ['infra-pulumi/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        '^@cellgraph/(?!kernel/core$)',
        'infra-pulumi imports only @cellgraph/kernel/core of our packages (and scripts/runtime/ relatively).',
      ),
    },
  },
  prettier,
);

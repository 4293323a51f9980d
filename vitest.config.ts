import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Resolve packages as Node does: workspace packages export their TypeScript sources under
// @cellgraph/source; the bundler-only "module" condition and field are left out (they would load a
// second copy of graphql, and ESM builds Node cannot run).
const conditions = ['@cellgraph/source', ...defaultServerConditions.filter((condition) => condition !== 'module')];

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    conditions,
    mainFields: ['main'],
    // graphql must be the one instance Node's require() loads (its CommonJS build): schemas built
    // by dependencies (composition, type-graphql) and by our code meet in one realm.
    alias: { graphql: require.resolve('graphql') },
  },
  // Test files run in the ssr environment; the global setup in vitest's own.
  ssr: { resolve: { conditions, mainFields: ['main'] } },
  environments: { __vitest__: { resolve: { conditions, mainFields: ['main'] } } },
  test: {
    include: ['subgraphs/*/src/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'gateway/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['scripts/testing/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Resolve packages as Node does: workspace packages export their TypeScript sources under
// @cellgraph/source; the bundler-only "module" condition and field are left out (they would load a
// second copy of graphql, and ESM builds Node cannot run).
const conditions = ['@cellgraph/source', ...defaultServerConditions.filter((condition) => condition !== 'module')];

const require = createRequire(import.meta.url);

const NOT_TESTS = ['**/node_modules/**', '**/dist/**'];
const TEST_FILES = [
  'subgraphs/*/src/**/*.test.ts',
  'subgraphs/*/test/**/*.test.ts',
  'gateway/**/*.test.ts',
  'scripts/**/*.test.ts',
  'infra-pulumi/test/**/*.test.ts',
  'web/test/**/*.test.ts',
];
/**
 * Fault tests: cells of their own as processes (each with its own Redis server or a proxy in front
 * of Postgres), killed, frozen or cut off while under load. They run after the rest, two at a time
 * (each starts many processes), each in a module registry of its own: they wait for conditions,
 * never for time budgets, so sharing the machine with one other fault test is what CI's busy cores
 * look like anyway.
 */
const FAULT_TESTS = [
  '**/*.fault.test.ts',
  'scripts/test/{split-cell,postgres-faults}.e2e.test.ts',
  'gateway/test/{subgraph-faults,subscription-faults,subscriptions}.e2e.test.ts',
  'subgraphs/kernel/test/redis-fail-fast.test.ts',
  'subgraphs/notifications/test/worker-crash.e2e.test.ts',
];

/**
 * Files that need a fresh module registry of their own: they replace modules (vi.mock), or assert on
 * process-wide state from its start (a patch applied once, a metric's label budget).
 */
const ISOLATED_TESTS = [
  'subgraphs/kernel/src/context/internal-context.test.ts',
  'gateway/src/query-planner-patches.test.ts',
  'subgraphs/kernel/src/observability/metrics.test.ts',
];

/**
 * The files that run longest (a minute or more each on CI's two cores: they start cells, services
 * or `npm start` as processes), longest first. Each group starts them before its other files, so
 * that a long file does not start last and run on alone while the other workers idle. Without this
 * vitest starts files it has no timings for (CI's fresh checkout) largest first, and these are not
 * the largest.
 */
const LONGEST_FIRST = [
  'scripts/test/dev-runtime.test.ts',
  'scripts/test/pagination.e2e.test.ts',
  'scripts/test/new-subgraph.test.ts',
  'scripts/test/foreign-references.e2e.test.ts',
  'scripts/test/malformed-ids.e2e.test.ts',
  'scripts/test/build.test.ts',
  'scripts/bench/gateways/gateways.test.ts',
  // the fault tests' group
  'scripts/test/rolling-restart.fault.test.ts',
  'scripts/test/graceful-shutdown.fault.test.ts',
  'gateway/test/subgraph-faults.e2e.test.ts',
  'scripts/test/split-cell.e2e.test.ts',
];

/** vitest's order (groups, then projects, then its timings or file sizes), with LONGEST_FIRST ahead within each project. */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST_FIRST.indexOf(relative(spec.project.vitest.config.root, spec.moduleId));
      return index < 0 ? LONGEST_FIRST.length : index;
    };
    const position = new Map(sorted.map((spec, index) => [spec, index]));
    // A stable sort: files of different projects keep vitest's order between them.
    return sorted.sort((a, b) => (a.project === b.project ? rank(a) - rank(b) : 0) || position.get(a)! - position.get(b)!);
  }
}

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
    exclude: NOT_TESTS,
    globalSetup: ['scripts/testing/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    pool: 'forks',
    sequence: { sequencer: LongestFirstSequencer },
    // Hang guards, not budgets: CI's two cores may be busy, and tests wait for conditions.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for a condition: 30 s is its hang guard (vitest's default, 1 s, is a budget
    // a busy CI machine can miss, e.g. a browser's answer to a key press).
    expect: { poll: { timeout: 30_000 } },
    // Two groups, one after the other: every file but the fault tests; then the fault tests.
    projects: [
      // isolate: false — each worker imports the code under test once, not once per file (importing
      // was a third of the suite's time). ISOLATED_TESTS run in a registry of their own each, below.
      {
        extends: true,
        test: {
          name: 'shared',
          include: TEST_FILES,
          exclude: [...NOT_TESTS, ...FAULT_TESTS, ...ISOLATED_TESTS],
          isolate: false,
          // Two (and so the group's other projects: vitest wants one maxWorkers per group). Three
          // ran no faster (a clean CI run took 14–16 min either way) and, with the longest files
          // starting together, left Postgres at its connection limit and starved the pagination walk.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED_TESTS, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      // The web app's component tests: in a DOM (happy-dom), with the app's own Vite config.
      {
        extends: './web/vite.config.ts',
        test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom', maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'faults', include: FAULT_TESTS, maxWorkers: 2, sequence: { groupOrder: 1 } } },
    ],
  },
});

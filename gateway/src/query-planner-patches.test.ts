import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkPatchedVersion, patchQueryPlanner, PATCHED_QUERY_GRAPHS_VERSION } from './query-planner-patches.js';

const plannerRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/query-planner'));

describe('query-planner patches', () => {
  it('are written for the installed @apollo/query-graphs, and refuse any other version', () => {
    expect((plannerRequire('@apollo/query-graphs/package.json') as { version: string }).version).toBe(PATCHED_QUERY_GRAPHS_VERSION);
    expect(() => checkPatchedVersion('2.15.0')).toThrow(
      "@apollo/query-graphs 2.15.0 is installed, but the gateway's query-planner patches (gateway/src/query-planner-patches.ts) were written for 2.14.4",
    );
  });

  it('replace the planner’s key choice once, however often the gateway starts', () => {
    const graphPath = plannerRequire('@apollo/query-graphs/dist/graphPath.js') as { getLocallySatisfiableKey: unknown };
    const stock = graphPath.getLocallySatisfiableKey;
    patchQueryPlanner();
    const patched = graphPath.getLocallySatisfiableKey;
    expect(patched).not.toBe(stock);
    patchQueryPlanner();
    expect(graphPath.getLocallySatisfiableKey).toBe(patched);
    // The planner reads it through the package's index, so it sees the patched one.
    expect((plannerRequire('@apollo/query-graphs') as { getLocallySatisfiableKey: unknown }).getLocallySatisfiableKey).toBe(patched);
  });
});

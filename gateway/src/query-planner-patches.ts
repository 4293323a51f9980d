import { createRequire } from 'node:module';

/**
 * Fixes applied at start to @apollo/query-planner's dependencies, for federation cases stock
 * @apollo/gateway answers wrongly (The Guild's federation audit; see the README's "Federation
 * conformance"). Each is written against one version: with any other installed the gateway refuses
 * to start, so an upgrade makes someone check whether the fix is still needed.
 */
export const PATCHED_QUERY_GRAPHS_VERSION = '2.14.4';

// The copy @apollo/query-planner (hence @apollo/gateway) loads.
const plannerRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/query-planner'));

type KeyDirective = { arguments(): { resolvable?: boolean } };
type FederationMetadata = { keyDirective(): unknown; selectionSelectsAnyExternalField(selection: unknown): boolean };
type TypeVertex = { type: { appliedDirectivesOf(directive: unknown): KeyDirective[] }; source: string };
type QueryGraph = { sources: Map<string, unknown> };
type GetKey = (graph: QueryGraph, vertex: TypeVertex) => unknown;

const PATCHED = Symbol.for('cellgraph.queryPlannerPatched');

export class QueryPlannerVersionError extends Error {
  override name = 'QueryPlannerVersionError';
}

export function checkPatchedVersion(installed: string): void {
  if (installed !== PATCHED_QUERY_GRAPHS_VERSION) {
    throw new QueryPlannerVersionError(
      `@apollo/query-graphs ${installed} is installed, but the gateway's query-planner patches (gateway/src/query-planner-patches.ts) were written for ${PATCHED_QUERY_GRAPHS_VERSION}: check whether each is still needed, then update PATCHED_QUERY_GRAPHS_VERSION`,
    );
  }
}

/** Applies the patches once per process; throws QueryPlannerVersionError on another version. */
export function patchQueryPlanner(): void {
  checkPatchedVersion((plannerRequire('@apollo/query-graphs/package.json') as { version: string }).version);
  const graphPath = plannerRequire('@apollo/query-graphs/dist/graphPath.js') as { getLocallySatisfiableKey: GetKey & { [PATCHED]?: true } };
  if (graphPath.getLocallySatisfiableKey[PATCHED]) return;
  graphPath.getLocallySatisfiableKey = resolvableLocalKey(graphPath.getLocallySatisfiableKey);
}

/**
 * keys-mashup: after a `@requires`, the planner asks the requiring subgraph for the field with the
 * entity's key as the representation — the first of its keys not made of external fields, even one
 * declared `resolvable: false`, which that subgraph cannot resolve (it gets a representation
 * without the fields of its resolvable key). Prefer a key it can resolve; else behave as before.
 */
function resolvableLocalKey(original: GetKey): GetKey & { [PATCHED]: true } {
  const { federationMetadata, parseFieldSetArgument } = plannerRequire('@apollo/federation-internals') as {
    federationMetadata(schema: unknown): FederationMetadata | undefined;
    parseFieldSetArgument(options: { parentType: unknown; directive: unknown }): unknown;
  };
  const patched = (graph: QueryGraph, vertex: TypeVertex) => {
    const metadata = federationMetadata(graph.sources.get(vertex.source));
    if (metadata) {
      for (const key of vertex.type.appliedDirectivesOf(metadata.keyDirective())) {
        if (key.arguments().resolvable === false) continue;
        const selection = parseFieldSetArgument({ parentType: vertex.type, directive: key });
        if (!metadata.selectionSelectsAnyExternalField(selection)) return selection;
      }
    }
    return original(graph, vertex);
  };
  return Object.assign(patched, { [PATCHED]: true as const });
}

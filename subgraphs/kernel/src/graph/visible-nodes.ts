import type { RequestContext } from '../context/request-context.js';
import type { GraphClient } from './graph-client.js';

const VISIBLE = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

/**
 * Polymorphic references (an id of any Node type, owned by any subgraph): asks the graph, as the
 * caller, whether each node exists and is readable in the caller's organization, and throws
 * `notFound(index)` for the first that is not — the same answer for "does not exist" and
 * "another organization's".
 */
export async function requireVisibleNodes(
  graph: GraphClient,
  request: RequestContext,
  ids: readonly string[],
  notFound: (index: number) => Error,
): Promise<void> {
  if (!ids.length) return;
  const answer = await graph.request<{ nodes: ({ id: string } | null)[] }>(request, VISIBLE, { ids: [...ids] });
  const missing = ids.findIndex((_, index) => !answer.data?.nodes?.[index]);
  if (missing >= 0) throw notFound(missing);
}

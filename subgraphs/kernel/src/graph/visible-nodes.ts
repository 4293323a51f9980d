import type { RequestContext } from '../context/request-context.js';
import { ErrorCode, serviceUnavailable } from '../errors/coded-error.js';
import { graphRequestFailure, type GraphClient, type GraphResponse } from './graph-client.js';
import { kernelMessages } from '../errors/messages.js';

const VISIBLE = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

/** Seconds a client waits before retrying when the graph could not tell. */
export const VISIBLE_NODES_RETRY_AFTER_SECONDS = 5;

const unavailable = () => serviceUnavailable(kernelMessages.visibleNodesUnavailable, VISIBLE_NODES_RETRY_AFTER_SECONDS);

/**
 * Polymorphic references (an id of any Node type, owned by any subgraph): asks the graph, as the
 * caller, whether each node exists and is readable in the caller's organization, and throws
 * `notFound(index)` for the first that is not — the same answer for "does not exist" and
 * "another organization's". When the graph could not tell (the gateway, or the subgraph owning a
 * node, is down) it throws SERVICE_UNAVAILABLE instead: an object is never called missing because
 * its module did not answer.
 */
export async function requireVisibleNodes(
  graph: GraphClient,
  request: RequestContext,
  ids: readonly string[],
  notFound: (index: number) => Error,
): Promise<void> {
  if (!ids.length) return;
  let answer: GraphResponse<{ nodes: ({ id: string } | null)[] }>;
  try {
    answer = await graph.request<{ nodes: ({ id: string } | null)[] }>(request, VISIBLE, { ids: [...ids] });
  } catch (error) {
    throw graphRequestFailure(error, unavailable);
  }
  const missing = ids.findIndex((_, index) => !answer.data?.nodes?.[index]);
  if (missing < 0) return;
  const unanswered = (answer.errors ?? []).some(
    (error) => error.extensions?.code === ErrorCode.ServiceUnavailable && (error.path === undefined || error.path.length < 2 || error.path[1] === missing),
  );
  throw unanswered ? unavailable() : notFound(missing);
}

import { DELEGATION_HEADER } from '../context/internal-context.js';
import type { RequestContext } from '../context/request-context.js';
import { REQUEST_ID_HEADER } from '../server/http-errors.js';

export interface GraphResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The graph cannot be asked (no gateway URL, or a request that did not come through the gateway). */
export class GraphUnavailableError extends Error {
  override name = 'GraphUnavailableError';
}

/**
 * Asks the cell's graph — the gateway — as the principal of the request being served, with the
 * delegation the gateway gave this subgraph for it. How a subgraph learns about entities it does
 * not own (do they exist, may this caller see them) without reading another subgraph's tables.
 */
export class GraphClient {
  constructor(
    private readonly url: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async request<T>(context: RequestContext, query: string, variables: Record<string, unknown> = {}): Promise<GraphResponse<T>> {
    if (!this.url) throw new GraphUnavailableError('GRAPH_URL is not configured');
    if (!context.delegation) throw new GraphUnavailableError('This request carries no delegation to ask the graph with');
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DELEGATION_HEADER]: context.delegation, [REQUEST_ID_HEADER]: context.requestId },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok && response.status !== 400) throw new GraphUnavailableError(`The graph answered ${response.status}`);
    return (await response.json()) as GraphResponse<T>;
  }
}

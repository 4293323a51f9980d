import { INTERNAL_CONTEXT_HEADER, REQUEST_ID_HEADER, type InternalContextSigner, type RequestContext } from '@cellgraph/kernel/core';
import type { SubgraphBreakers } from './circuit-breaker.js';
import { observeSubgraphFetch } from './observability.js';

export interface SubgraphResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The gateway's own calls to a subgraph (outside query plans): signed for that subgraph and body
 * like every planned fetch, with the same timeout and through the same circuit breakers.
 */
export class SubgraphCaller {
  constructor(
    private readonly signer: InternalContextSigner,
    private readonly urlOf: (name: string) => string,
    private readonly timeoutMs: number,
    private readonly breakers: SubgraphBreakers,
  ) {}

  async call<T>(subgraph: string, context: RequestContext, query: string, variables: Record<string, unknown>): Promise<SubgraphResponse<T>> {
    const body = JSON.stringify({ query, variables });
    const token = this.signer.sign(context, subgraph, body);
    const response = await observeSubgraphFetch(subgraph, (trace) =>
      this.breakers.of(subgraph).fetch(this.urlOf(subgraph), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: token, [REQUEST_ID_HEADER]: context.requestId, ...trace },
        body,
        timeoutMs: this.timeoutMs,
      }),
    );
    const answer = await response.text();
    if (!response.ok) throw new Error(`${subgraph} answered ${response.status}`);
    return JSON.parse(answer) as SubgraphResponse<T>;
  }
}

import {
  LIVE_BATCH_PATH,
  liveBatchSignedBody,
  REQUEST_ID_HEADER,
  type InternalContextSigner,
  type LiveBatchAnswer,
  type LiveBatchBody,
  type PublishedEvent,
  type RequestContext,
} from '@cellgraph/kernel/core';
import type { SubgraphBreakers } from '../circuit-breaker.js';
import { observeSubgraphFetch } from '../observability.js';

/** A subscription field's request for one subscriber context, as executeQueryPlan's primary fetch asks it. */
export interface LiveFieldRequest {
  query: string;
  variables: Record<string, unknown>;
  context: RequestContext;
}

export interface LiveFieldResult {
  data?: Record<string, unknown> | null;
  errors?: readonly Record<string, unknown>[];
}

interface Pending {
  subgraph: string;
  event: string;
  requestId: string;
  entries: { request: LiveFieldRequest; resolve: (result: LiveFieldResult) => void; reject: (error: unknown) => void }[];
}

/** Entries per call (the kernel's MAX_LIVE_BATCH_ENTRIES): more distinct contexts for one event take several calls. */
const MAX_ENTRIES_PER_CALL = 1_000;

/**
 * Asks a subgraph's subscription field about one live event for many subscriber contexts in ONE
 * HTTP call (the kernel's `/live-batch`): every request for the same subgraph and event made in
 * the same turn of the event loop (the engine runs all groups of an event together) joins one
 * batch, sent at the next turn. Each entry's context is signed when the call is sent, never before
 * (a signed context lives 30 s). The batch goes through the subgraph's circuit breaker and timeout;
 * a failed call fails each of its entries.
 */
export class LiveBatchClient {
  private readonly pending = new Map<string, Pending>();
  /** HTTP calls made, per subgraph (stats: the calls one event costs). */
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly options: {
      signer: InternalContextSigner;
      /** The subgraph's GraphQL URL (…/graphql); the batch goes to its sibling /live-batch. */
      urlOf: (subgraph: string) => string;
      timeoutMs: number;
      breakers: SubgraphBreakers;
      /** Subgraphs handed a delegation with each entry (GRAPH_DELEGATES), to ask the graph as the subscriber. */
      delegates?: readonly string[];
    },
  ) {}

  ask(subgraph: string, event: PublishedEvent, request: LiveFieldRequest): Promise<LiveFieldResult> {
    const key = `${subgraph}\u0000${event.id}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { subgraph, event: JSON.stringify(event), requestId: `live:${event.id}`, entries: [] };
      this.pending.set(key, batch);
      const taken = batch;
      setImmediate(() => {
        this.pending.delete(key);
        for (let start = 0; start < taken.entries.length; start += MAX_ENTRIES_PER_CALL) {
          void this.send({ ...taken, entries: taken.entries.slice(start, start + MAX_ENTRIES_PER_CALL) });
        }
      });
    }
    return new Promise((resolve, reject) => batch.entries.push({ request, resolve, reject }));
  }

  /** HTTP calls made so far to each subgraph's batch entry point. */
  stats(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  private async send(batch: Pending): Promise<void> {
    try {
      const requests = batch.entries.map(({ request }) => JSON.stringify({ query: request.query, variables: request.variables }));
      const contexts = batch.entries.map(({ request }, i) =>
        signAtSend(this.options.signer, request.context, batch.subgraph, liveBatchSignedBody(batch.event, requests[i]!)),
      );
      const delegate = this.options.delegates?.includes(batch.subgraph) ?? false;
      const body = JSON.stringify({
        event: batch.event,
        entries: requests.map((request, i) => {
          const context = batch.entries[i]!.request.context;
          const delegation = delegate && context.principal.kind !== 'anonymous' ? this.options.signer.delegate(context) : undefined;
          return delegation ? { request, context: contexts[i]!, delegation } : { request, context: contexts[i]! };
        }),
      } satisfies LiveBatchBody);
      this.calls.set(batch.subgraph, (this.calls.get(batch.subgraph) ?? 0) + 1);
      const url = this.options.urlOf(batch.subgraph).replace(/\/graphql$/, LIVE_BATCH_PATH);
      const response = await observeSubgraphFetch(batch.subgraph, (trace) =>
        this.options.breakers.of(batch.subgraph).fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: batch.requestId, ...trace },
          body,
          timeoutMs: this.options.timeoutMs,
        }),
      );
      const answer = await response.text();
      if (!response.ok) throw new Error(`${batch.subgraph} answered ${response.status} to a live batch`);
      const { results } = JSON.parse(answer) as LiveBatchAnswer;
      batch.entries.forEach(({ resolve }, i) => {
        const result = results[i];
        if (!result || 'refused' in result) {
          resolve({ data: null, errors: [{ message: 'The subgraph refused the request', extensions: { code: result?.refused ?? 'INTERNAL_SERVER_ERROR' } }] });
        } else resolve(result);
      });
    } catch (error) {
      for (const { reject } of batch.entries) reject(error);
    }
  }
}

/**
 * The one place subscriptions sign an internal context: at send time, just before the HTTP call,
 * with the kernel's signer (whatever its format).
 */
export function signAtSend(signer: InternalContextSigner, context: RequestContext, subgraph: string, body: string): string {
  return signer.sign(context, subgraph, body);
}

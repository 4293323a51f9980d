import { DELEGATION_HEADER } from '../context/internal-context.js';
import { unauthenticated } from '../errors/coded-error.js';
import type { Principal, RequestContext } from '../context/request-context.js';
import { REQUEST_ID_HEADER } from '../server/http-errors.js';
import { kernelMessages } from '../errors/messages.js';

export interface GraphResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The graph cannot be asked (no gateway URL, or a request that did not come through the gateway). */
export class GraphUnavailableError extends Error {
  override name = 'GraphUnavailableError';
  constructor(
    message: string,
    /** The gateway's HTTP status when it answered (401: the delegation was refused, e.g. an expired job delegation). */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * What a request to the graph that failed means for the caller: a deployment fault (no GRAPH_URL, a
 * request without a delegation) is thrown as it is, to be logged by the caller's error mask; a
 * refused delegation (401, e.g. an expired job delegation) is UNAUTHENTICATED; anything else — the
 * gateway down, timing out or answering 5xx — is `unavailable()`, a SERVICE_UNAVAILABLE the client
 * may retry.
 */
export function graphRequestFailure(error: unknown, unavailable: () => Error): Error {
  if (error instanceof GraphUnavailableError && /delegation|GRAPH_URL/.test(error.message) && error.status === undefined) return error;
  if (error instanceof GraphUnavailableError && error.status === 401) return unauthenticated(kernelMessages.delegationRefused);
  return unavailable();
}

/**
 * What a background job needs to ask the graph as the caller of the request that enqueued it: put it
 * in the job's data (`actingFor`), then `jobRequest(job.id, data.actingFor)` in the handler. The
 * token lives the gateway's JOB_DELEGATION_TTL_SECONDS (default 1 h): a job run later than that
 * (retried for hours) gets UNAUTHENTICATED from the graph, as a signed-out caller would.
 */
export interface JobDelegation {
  principal: Principal;
  delegation: string;
  expiresAt: string;
}

/** The request a job acting for a caller serves: that caller, with the job delegation it was given. */
export function jobRequest(jobId: string | undefined, actingFor: JobDelegation): RequestContext {
  return { requestId: `job:${jobId ?? 'unknown'}`, principal: actingFor.principal, delegation: actingFor.delegation };
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
    if (!response.ok && response.status !== 400) throw new GraphUnavailableError(`The graph answered ${response.status}`, response.status);
    return (await response.json()) as GraphResponse<T>;
  }

  /**
   * Exchanges the delegation of the request being served (a user's or an API key's) for a job
   * delegation (the gateway's `POST /delegations/job`), to enqueue with a job that acts for the
   * caller after the request answered. Only a request's delegation is exchanged: a job cannot
   * extend its own.
   */
  async delegateToJob(context: RequestContext): Promise<JobDelegation> {
    if (!this.url) throw new GraphUnavailableError('GRAPH_URL is not configured');
    if (!context.delegation) throw new GraphUnavailableError('This request carries no delegation to ask the graph with');
    const response = await fetch(new URL('/delegations/job', this.url), {
      method: 'POST',
      headers: { [DELEGATION_HEADER]: context.delegation, [REQUEST_ID_HEADER]: context.requestId },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new GraphUnavailableError(`The graph answered ${response.status} to a job delegation`, response.status);
    return (await response.json()) as JobDelegation;
  }
}

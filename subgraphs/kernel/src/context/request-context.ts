import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoaderRegistry } from '../loaders/loader-registry.js';
import type { PublishedEvent } from '../events/outbox.js';

/** Who is calling. Authenticated by the gateway; subgraphs receive it signed. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; orgId: string | null; sessionId?: string | null; scopes: readonly string[] }
  | { kind: 'api_key'; keyId: string; keyName?: string | null; userId: string | null; orgId: string; scopes: readonly string[]; rateLimit?: number | null }
  | { kind: 'system'; orgId: string | null; scopes: readonly string[] };

/** What every hop knows about the request it serves. */
export interface RequestContext {
  readonly requestId: string;
  readonly principal: Principal;
  /** When the gateway allows it, a token to ask the graph for more as the same principal. */
  readonly delegation?: string;
  /** The caller's network address as the gateway determined it (trusted proxies only), for per-address throttles. */
  readonly clientAddress?: string;
  /** The caller's User-Agent as the gateway received it (bounded), for the audit log. */
  readonly userAgent?: string;
  /** The reader's locale (BCP 47) and time zone (IANA), for the texts the server writes (see i18n). */
  readonly locale?: string;
  readonly timeZone?: string;
  /** The gateway asks the subgraph for an inline federated trace (`ftv1`) of this request; never a client's choice. */
  readonly trace?: 'ftv1';
}

/** The GraphQL context value of a subgraph request. */
export interface SubgraphContext<TServices = unknown> {
  readonly request: RequestContext;
  readonly loaders: LoaderRegistry;
  readonly services: TServices;
  /** The live event a gateway-driven subscription field is asked about (see live/live-subscription). */
  readonly live?: PublishedEvent | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request context (for it and everything it awaits). */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request context, or undefined outside of a request (start-up, jobs without one). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export const anonymous: Principal = { kind: 'anonymous' };

/** The system acting within one organization (jobs, event handlers); `requestId` names the work, e.g. `job:<id>`. */
export function systemRequest(requestId: string, orgId: string | null): RequestContext {
  return { requestId, principal: { kind: 'system', orgId, scopes: [] } };
}

export function principalUserId(principal: Principal): string | null {
  return principal.kind === 'user' || principal.kind === 'api_key' ? principal.userId : null;
}

/** Who acted, for events and audit: a user, or an API key on behalf of the user who created it. */
export interface Actor {
  userId: string | null;
  apiKey: { id: string; name: string | null } | null;
}

export function principalActor(principal: Principal): Actor {
  if (principal.kind === 'api_key') return { userId: principal.userId, apiKey: { id: principal.keyId, name: principal.keyName ?? null } };
  return { userId: principalUserId(principal), apiKey: null };
}

export function principalOrgId(principal: Principal): string | null {
  return principal.kind === 'anonymous' ? null : principal.orgId;
}

import type { SubgraphContext } from '../context/request-context.js';
import { CodedError } from '../errors/coded-error.js';
import { matchesEventPattern } from '../events/consumers.js';
import type { PublishedEvent } from '../events/outbox.js';
import { parseGlobalId } from '../ids/global-id.js';
import { kernelMessages } from '../errors/messages.js';

/**
 * Subscriptions are driven by the gateway: it listens to the organization's live events and,
 * for each event a subscription may care about, sends the subscription's root field to its
 * subgraph once, over the signed HTTP hop, with the event in the body's extensions under this
 * name. The field's resolver decides — as the subscriber, with the subscriber's permissions —
 * whether the event concerns it: it returns the payload, or null to let the event pass by.
 */
export const LIVE_EVENT_EXTENSION = 'cellgraphLiveEvent';

/** The Redis pub/sub channel of an organization's live events: the outbox relay publishes, the gateway listens. */
export const liveEventChannel = (prefix: string, orgId: string) => `${prefix}:live:${orgId}`;

/**
 * Options of a type-graphql `@Subscription` field driven by the gateway: a subgraph never keeps
 * a subscription open itself, so `subscribe` refuses.
 */
export const gatewayDriven = {
  nullable: true,
  subscribe: (): never => {
    throw new CodedError('SUBSCRIPTION_REQUIRES_GATEWAY', kernelMessages.subscriptionRequiresGateway);
  },
} as const;

/** type-graphql's PubSub for subgraphs: there is none; the gateway drives subscriptions. */
export const noPubSub = {
  publish(): never {
    throw new Error('Subgraphs publish events through their outbox');
  },
  subscribe(): never {
    throw new Error('Subscriptions are run by the gateway, one event at a time');
  },
};

/** The live event a subscription field is asked about (refused when the request carries none). */
export function liveEventOf(context: SubgraphContext): PublishedEvent {
  if (!context.live) throw new CodedError('SUBSCRIPTION_REQUIRES_GATEWAY', kernelMessages.subscriptionRequiresGateway);
  return context.live;
}

/** Whether `event` is one of `patterns` (types, `prefix.*` or `*`). */
export function isLiveEventOf(event: PublishedEvent, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesEventPattern(pattern, event.type));
}

/** The live event in a verified request body, if any (its shape is the relay's PublishedEvent). */
export function liveEventFromBody(body: unknown): PublishedEvent | null {
  const event = (body as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[LIVE_EVENT_EXTENSION] as PublishedEvent | undefined;
  return event && typeof event.id === 'string' && typeof event.type === 'string' ? event : null;
}

/**
 * The batched live request (see live-batch.ts): one HTTP call per event and subgraph asks the
 * subscription field once for each distinct subscriber context. The event is sent once, as the
 * JSON string `event`; each entry carries its own GraphQL request (a JSON string of
 * `{ query, variables }`) and its own internal context, signed for the subgraph over
 * `liveBatchSignedBody(event, request)`: a context is bound to its request and to the event, and a
 * subgraph never answers an entry as anybody but the context signed for it.
 */
export const LIVE_BATCH_PATH = '/live-batch';

export interface LiveBatchBody {
  event: string;
  /**
   * `delegation`: for a subgraph the gateway delegates to (GRAPH_DELEGATES), a delegation of the
   * entry's subscriber, so its field can ask the graph as that subscriber (e.g. whether it reads the
   * object a file is attached to); carried along like the header of a `/graphql` request.
   */
  entries: { request: string; context: string; delegation?: string }[];
}

/** Per entry, in order: the field's GraphQL result, or a refusal of that entry alone. */
export interface LiveBatchAnswer {
  results: ({ data?: Record<string, unknown> | null; errors?: readonly Record<string, unknown>[] } | { refused: string })[];
}

/** What an entry's internal context is signed over: its request, then the event it is asked about. */
export const liveBatchSignedBody = (event: string, request: string) => `${request}\n${event}`;

/**
 * A subscription field's live declaration: the events that may produce it, and optionally its
 * routes — for an argument, where in an event the ids it matches are (`data.boardId`,
 * `subject.id`, …). Routes let the gateway skip, before asking anyone, a subscription whose
 * argument names an object the event is not about; the subgraph still decides everything else.
 */
export type LiveFieldSpec = readonly string[] | { readonly events: readonly string[]; readonly routes?: Readonly<Record<string, readonly string[]>> };

export const liveFieldEvents = (spec: LiveFieldSpec): readonly string[] => (isEventList(spec) ? spec : spec.events);
export const liveFieldRoutes = (spec: LiveFieldSpec): Readonly<Record<string, readonly string[]>> => (isEventList(spec) ? {} : (spec.routes ?? {}));
const isEventList = (spec: LiveFieldSpec): spec is readonly string[] => Array.isArray(spec);

/**
 * Whether `event` may concern a subscription whose field has these argument values, by the field's
 * routes: every routed argument that is given (an id, global or raw) must be one of the values at
 * its paths in the event. An argument not given, or without a route, and an event that has none of
 * the route's paths, admit the event (the subgraph decides).
 */
export function liveRoutesAdmit(event: PublishedEvent, routes: Readonly<Record<string, readonly string[]>>, args: Readonly<Record<string, unknown>>): boolean {
  for (const [argument, paths] of Object.entries(routes)) {
    const value = args[argument];
    if (typeof value !== 'string') continue;
    const present = paths.map((path) => valueAt(event, path)).filter((found) => found != null);
    // An event that does not say (none of the paths is there) is asked about: the subgraph decides.
    if (present.length === 0) continue;
    const wanted = new Set<unknown>([value, parseGlobalId(value)?.uuid]);
    if (!present.some((found) => wanted.has(found))) return false;
  }
  return true;
}

function valueAt(event: PublishedEvent, path: string): unknown {
  let value: unknown = event;
  for (const step of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  return value;
}

import type { SubgraphContext } from '../context/request-context.js';
import { CodedError } from '../errors/coded-error.js';
import { matchesEventPattern } from '../events/consumers.js';
import type { PublishedEvent } from '../events/outbox.js';

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
    throw new CodedError('SUBSCRIPTION_REQUIRES_GATEWAY', 'Subscriptions are run by the gateway, one event at a time');
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
  if (!context.live) throw new CodedError('SUBSCRIPTION_REQUIRES_GATEWAY', 'Subscriptions are run by the gateway, one event at a time');
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

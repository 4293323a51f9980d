import { toGlobalId, type PublishedEvent } from '@cellgraph/kernel';

/** The JSON body of a delivery (Stripe's shape): the event, its object and, for updates, the values before. */
export interface WebhookPayload {
  id: string;
  type: string;
  occurredAt: string;
  organizationId: string;
  data: { object: Record<string, unknown>; previousAttributes?: Record<string, unknown> };
}

/** The body POSTed for `event`: ids are the graph's global ids; `previousAttributes` is `data.before` of `*.updated` events. */
export function webhookPayload(event: Pick<PublishedEvent, 'id' | 'type' | 'occurredAt' | 'subject' | 'data'> & { orgId: string }): WebhookPayload {
  const data = event.data ?? {};
  const object = event.subject ? { id: toGlobalId(event.subject.type, event.subject.id), type: event.subject.type, ...data } : { ...data };
  const before = data.before;
  const previousAttributes = event.type.endsWith('.updated') && before && typeof before === 'object' ? (before as Record<string, unknown>) : undefined;
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    organizationId: toGlobalId('Organization', event.orgId),
    data: previousAttributes ? { object, previousAttributes } : { object },
  };
}

/** What orders deliveries: the event's subject (null: no order to keep). */
export const subjectKeyOf = (subject: PublishedEvent['subject']) => (subject ? `${subject.type}:${subject.id}` : null);

import { identityEvents } from '@cellgraph/identity/contracts';
import { parseEvent, uuidv7, type PublishedEvent } from '@cellgraph/kernel';
import { withClient, type TestMember } from '@cellgraph/kernel/testing';
import type { NotificationsServices } from '../src/index.js';

/**
 * What the producers' contracts require of the events these tests route, for the fields a test
 * leaves out (its own `data` replaces them key by key).
 */
const REQUIRED_DATA: Record<string, () => Record<string, unknown>> = {
  'task.assigned': () => ({ boardId: null, taskTitle: '', recipients: [], before: { assigneeId: null }, after: { assigneeId: null } }),
  'task.completed': () => ({ boardId: null, taskTitle: '', recipients: [] }),
  'automation.notification_requested': () => ({ automationId: uuidv7(), automation: 'A rule', message: '', recipients: [], cause: { chain: [] } }),
  'contact.assigned': () => ({ contactId: uuidv7(), before: { assignedTo: null }, after: { assignedTo: null } }),
  'deal.assigned': () => ({ contactId: uuidv7(), title: 'A deal', before: { ownerId: null }, after: { ownerId: null } }),
};

/** An event as the relay would deliver it. */
export function publishedEvent(
  type: string,
  orgId: string,
  options: { actorId?: string | null; subject?: { type: string; id: string } | null; data?: Record<string, unknown> } = {},
): PublishedEvent {
  return {
    id: uuidv7(),
    type,
    orgId,
    actorId: options.actorId ?? null,
    subject: options.subject === undefined ? { type: 'Task', id: uuidv7() } : options.subject,
    data: { ...REQUIRED_DATA[type]?.(), ...options.data },
    requestId: null,
    occurredAt: new Date().toISOString(),
  };
}

/** Gives a member an e-mail address the way identity's events do. */
export async function giveAddress(services: NotificationsServices, member: TestMember, email: string): Promise<void> {
  const event = publishedEvent('membership.created', member.orgId, {
    actorId: member.userId,
    subject: { type: 'User', id: member.userId },
    data: { email, name: email.split('@')[0], role: 'member' },
  });
  await services.addresses.record(parseEvent(identityEvents, 'membership.created', event));
}

/** Polls `read` until `done` holds or the deadline passes; returns the last value read. */
export async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface NotificationRow {
  id: string;
  recipient_id: string;
  event_id: string;
  event_type: string;
  title: string;
  body: string;
  in_app: boolean;
  subject_type: string | null;
  subject_id: string | null;
}

/** A user's notification rows (as the administrator: every organization), oldest first. */
export const rowsOf = (databaseUrl: string, userId: string): Promise<NotificationRow[]> =>
  withClient(
    databaseUrl,
    async (c) => (await c.query('SELECT * FROM notifications.notifications WHERE recipient_id = $1 ORDER BY created_at, id', [userId])).rows,
  );

export interface DeliveryRow {
  notification_id: string;
  channel: string;
  frequency: string;
  status: string;
  address: string | null;
  subject: string | null;
  detail: string | null;
  sent_at: Date | null;
}

export const deliveriesOf = (databaseUrl: string, userId: string): Promise<DeliveryRow[]> =>
  withClient(
    databaseUrl,
    async (c) => (await c.query('SELECT * FROM notifications.deliveries WHERE recipient_id = $1 ORDER BY created_at, id', [userId])).rows,
  );

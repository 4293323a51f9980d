import { z } from 'zod';

/*
 * The notifications module's public contracts (`@cellgraph/notifications/contracts`): the events
 * it emits (type → schema of `data`) and the payloads of the jobs it accepts — the only part of
 * notifications other modules may import.
 */

const id = z.string();

export const notificationsEvents = {
  /** An in-app notification for `recipientId` (its subject is the notification). */
  'notification.created': z.object({ recipientId: id }),
  'notification.read': z.object({ recipientId: id, notificationIds: z.array(id) }),
  'notification.read_all': z.object({ recipientId: id, count: z.number().int() }),
} as const;

export type NotificationsEvents = typeof notificationsEvents;

/** A delivery of one notification by e-mail or push. */
const deliveryJob = z.object({ orgId: id, notificationId: id });

/** The jobs notifications accepts. */
export const notificationsJobs = {
  'notification.email': deliveryJob,
  'notification.push': deliveryJob,
} as const;

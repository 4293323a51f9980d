import { referenceThroughLoader } from '@cellgraph/kernel';
import type { NotificationsServices } from '../services.js';
import { notificationById } from './notification.loaders.js';

/** Notification references (`_entities`): the recipient gets it, another member null with FORBIDDEN, another organization null. */
export const resolveNotificationReference = referenceThroughLoader<NotificationsServices, unknown>('Notification', (context) =>
  notificationById(context.services, context.loaders, context.request),
);

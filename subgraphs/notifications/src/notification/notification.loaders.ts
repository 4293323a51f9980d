import { readableById, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { NotificationsServices } from '../services.js';

/** Notifications by id for the caller: null when absent from the organization, FORBIDDEN when addressed to someone else. */
export const notificationById = ({ notifications }: NotificationsServices, loaders: LoaderRegistry, request: RequestContext) =>
  readableById(loaders, 'notifications.notificationById', (ids) => notifications.byIds(request, ids), async (found) => notifications.readableOf(request, found), 'notification');

import type { LoaderRegistry, RequestContext } from '@cellgraph/kernel';
import type { NotificationsServices } from '../services.js';

/** Notifications by id for the caller: null when absent from the organization, FORBIDDEN when addressed to someone else. */
export const notificationById = ({ notifications }: NotificationsServices, loaders: LoaderRegistry, request: RequestContext) =>
  notifications.access.loader(loaders, request);

import type { Authorizer, Database } from '@cellgraph/kernel';
import type { DeliveryService } from './delivery/delivery.service.js';
import type { PushProvider } from './delivery/push.js';
import type { NotificationService } from './notification/notification.service.js';
import type { PreferenceService } from './preference/preference.service.js';
import type { AddressBook } from './recipient/address-book.js';
import type { NotificationRouter } from './routing/router.js';
import type { TemplateService } from './template/template.service.js';

export interface NotificationsServices {
  db: Database;
  authz: Authorizer;
  notifications: NotificationService;
  preferences: PreferenceService;
  templates: TemplateService;
  addresses: AddressBook;
  push: PushProvider;
  deliveries: DeliveryService;
  router: NotificationRouter;
}

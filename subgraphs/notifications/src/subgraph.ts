import { defineSubgraph, parseEnv, referenceAsIs, typedEventHandlers, typedJob, type EventHandler } from '@cellgraph/kernel';
import { notificationJobMessages } from './notification/messages.js';
import { identityEvents } from '@cellgraph/identity/contracts';
import { notificationsEnv } from './config.js';
import { notificationsEvents, notificationsJobs } from './contracts.js';
import { Delivery } from './delivery/delivery.entity.js';
import { DeliveryResolver } from './delivery/delivery.resolver.js';
import { DAILY_DIGEST_JOB, DELIVERY_SWEEP_JOB, DeliveryService, EMAIL_JOB, HOURLY_DIGEST_JOB, PUSH_JOB } from './delivery/delivery.service.js';
import { FilePushSink } from './delivery/push.js';
import { migrations } from './migrations/index.js';
import { Notification } from './notification/notification.entity.js';
import { resolveNotificationReference } from './notification/notification.reference.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { NotificationService } from './notification/notification.service.js';
import { EmailFrequency, NotificationSettings, Preference } from './preference/preference.entities.js';
import { PreferenceResolver } from './preference/preference.resolver.js';
import { PreferenceService } from './preference/preference.service.js';
import { AddressBook } from './recipient/address-book.js';
import { RecipientReaders } from './recipient/readers.js';
import { NotificationRouter } from './routing/router.js';
import { ROUTED_EVENTS } from './routing/routes.js';
import type { NotificationsServices } from './services.js';
import { EmailTemplate } from './template/template.entity.js';
import { TemplateResolver } from './template/template.resolver.js';
import { TemplateService } from './template/template.service.js';

const HOUR_MS = 60 * 60 * 1000;

export const notificationsSubgraph = defineSubgraph<NotificationsServices>({
  name: 'notifications',
  description: 'Notifications: other modules’ events routed to people by their preferences, in-app, by e-mail (now or in digests) and push.',
  scope: 'notifications',
  scopeDescription: 'notifications (the key creator’s inbox), e-mail log and e-mail templates',
  extraScopes: [{ name: 'notification-settings:write', description: 'Change the key creator’s notification preferences and settings' }],
  keyAccess: {
    notificationPreferenceSet: 'notification-settings:write',
    notificationPreferenceDelete: 'notification-settings:write',
    notificationSettingsUpdate: 'notification-settings:write',
  },
  dependsOn: ['identity'],
  migrations,
  entities: [Notification, Preference, NotificationSettings, Delivery, EmailTemplate],
  resolvers: [NotificationResolver, PreferenceResolver, TemplateResolver, DeliveryResolver],
  liveEvents: { notificationReceived: ['notification.created'] },
  references: {
    Notification: resolveNotificationReference,
    User: referenceAsIs,
  },
  emits: notificationsEvents,
  createServices({ db, authz, jobs, mailer, env, logger, settings }) {
    const config = parseEnv('notifications', notificationsEnv, env);
    const preferences = new PreferenceService(db);
    const templates = new TemplateService(db, authz);
    const addresses = new AddressBook(db);
    const push = new FilePushSink(config.PUSH_SINK_DIR);
    const readers = new RecipientReaders(settings, logger);
    const deliveries = new DeliveryService(db, authz, jobs, mailer, push, templates, addresses, readers, logger);
    return {
      db,
      authz,
      notifications: new NotificationService(db, authz),
      preferences,
      templates,
      addresses,
      push,
      deliveries,
      router: new NotificationRouter(db, authz, preferences, deliveries, readers),
    };
  },
  consumes: [...ROUTED_EVENTS, 'membership.created', 'membership.removed', 'user.updated'],
  eventHandlers: ({ router, addresses }) => ({
    ...Object.fromEntries(ROUTED_EVENTS.map((type): [string, EventHandler] => [type, (event) => router.handle(event)])),
    // Identity's events, for members' e-mail addresses.
    ...typedEventHandlers(identityEvents, {
      'membership.created': (event) => addresses.record(event),
      'membership.removed': (event) => addresses.forget(event),
      'user.updated': (event) => addresses.rename(event),
    }),
  }),
  jobs: ({ deliveries }) => ({
    [EMAIL_JOB]: typedJob(EMAIL_JOB, notificationsJobs[EMAIL_JOB], (data) => deliveries.sendEmail(data)),
    [PUSH_JOB]: typedJob(PUSH_JOB, notificationsJobs[PUSH_JOB], (data) => deliveries.sendPush(data)),
    [HOURLY_DIGEST_JOB]: async () => void (await deliveries.sendDigests(EmailFrequency.HOURLY)),
    [DAILY_DIGEST_JOB]: async () => void (await deliveries.sendDigests(EmailFrequency.DAILY)),
    [DELIVERY_SWEEP_JOB]: async () => void (await deliveries.redispatchStale()),
  }),
  schedules: [
    { job: HOURLY_DIGEST_JOB, everyMs: HOUR_MS, description: notificationJobMessages.hourlyDigest },
    { job: DAILY_DIGEST_JOB, everyMs: 24 * HOUR_MS, description: notificationJobMessages.dailyDigest },
    { job: DELIVERY_SWEEP_JOB, everyMs: 60_000, description: notificationJobMessages.deliverySweep },
  ],
});

import { isUuid, uuidv7, type Authorizer, type Database, type PublishedEvent, type Translator } from '@cellgraph/kernel';
import type { DeliveryService } from '../delivery/delivery.service.js';
import { NOTIFICATION_CREATED } from '../notification/notification.service.js';
import { EmailFrequency } from '../preference/preference.entities.js';
import type { PreferenceService } from '../preference/preference.service.js';
import type { RecipientReaders } from '../recipient/readers.js';
import { ROUTES } from './routes.js';

const MAX_TITLE = 200;
const MAX_BODY = 2000;
const MAX_RECIPIENTS = 1_000;

/**
 * Turns other modules' events into notifications (at least once: a redelivered event finds its
 * rows and creates nothing). Recipients come from the routing table, minus the actor, anyone not a
 * member of the event's organization and, for an object of a restricted module (finance), anyone
 * who may not read it; each recipient's preferences pick the channels, their profile the language and time zone of the texts. In one
 * transaction per event: the notification (in-app, or only to carry e-mail or push), its deliveries
 * and `notification.created`; then the immediate deliveries' jobs are enqueued.
 */
export class NotificationRouter {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly preferences: PreferenceService,
    private readonly deliveries: DeliveryService,
    private readonly readers: RecipientReaders,
  ) {}

  async handle(event: PublishedEvent): Promise<void> {
    const orgId = event.orgId;
    const routed = orgId ? ROUTES[event.type]?.(event) : null;
    if (!orgId || !routed) return;
    const candidates = [...new Set(routed.recipients)].filter((id) => isUuid(id) && id !== event.actorId).slice(0, MAX_RECIPIENTS);
    const subject = routed.subject !== undefined ? routed.subject : event.subject;
    const subjectOk = subject && /^[A-Z][A-Za-z0-9]*$/.test(subject.type) && isUuid(subject.id);
    // About an object of a restricted module (an Invoice), only those who may read it hear of it.
    const restricted = subjectOk && this.authz.moduleOf(subject.type) !== null;
    const recipients: string[] = [];
    for (const userId of candidates) {
      if (!(await this.authz.isMember(orgId, userId))) continue;
      const principal = { kind: 'user', userId, orgId, scopes: [] } as const;
      if (restricted && !(await this.authz.can({ requestId: event.id, principal }, 'read', subject.type, subject.id))) continue;
      recipients.push(userId);
    }
    if (!recipients.length) return;
    // Each recipient reads the texts in their language, dates in their time zone (read before the transaction).
    const readerOf = new Map<string, Translator>();
    for (const userId of recipients) readerOf.set(userId, await this.readers.of(orgId, userId));
    await this.db.transaction({ orgId, userId: null }, async (em) => {
      const channels = await this.preferences.channelsOf(em, recipients, event.type);
      for (const userId of recipients) {
        const channel = channels.get(userId)!;
        if (!channel.inApp && !channel.email && !channel.push) continue; // muted, or every channel off
        const id = uuidv7();
        const reader = readerOf.get(userId)!;
        const inserted: { id: string }[] = await em.query(
          `INSERT INTO notifications.notifications (id, org_id, recipient_id, event_id, event_type, subject_type, subject_id, actor_id, title, body, in_app, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, clock_timestamp())
           ON CONFLICT (event_id, recipient_id) DO NOTHING RETURNING id`,
          [
            id,
            orgId,
            userId,
            event.id,
            event.type,
            subjectOk ? subject.type : null,
            subjectOk ? subject.id : null,
            event.actorId && isUuid(event.actorId) ? event.actorId : null,
            routed.title(reader).slice(0, MAX_TITLE),
            routed.body(reader).slice(0, MAX_BODY),
            channel.inApp,
          ],
        );
        if (!inserted.length) continue; // this event already notified this user
        if (channel.email) await this.addDelivery(em, orgId, id, userId, 'email', channel.frequency);
        if (channel.push) await this.addDelivery(em, orgId, id, userId, 'push', EmailFrequency.IMMEDIATE);
        if (channel.inApp)
          await this.db.emit(em, { type: NOTIFICATION_CREATED, orgId, actorId: null, subject: { type: 'Notification', id }, data: { recipientId: userId } });
      }
    });
    await this.deliveries.dispatch(orgId, event.id);
  }

  private async addDelivery(
    em: import('typeorm').EntityManager,
    orgId: string,
    notificationId: string,
    userId: string,
    channel: 'email' | 'push',
    frequency: EmailFrequency,
  ): Promise<void> {
    await em.query(
      `INSERT INTO notifications.deliveries (id, org_id, notification_id, recipient_id, channel, frequency) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (notification_id, channel) DO NOTHING`,
      [uuidv7(), orgId, notificationId, userId, channel, frequency],
    );
  }
}

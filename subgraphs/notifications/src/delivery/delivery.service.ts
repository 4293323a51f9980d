import {
  claimOnce,
  OrderDirection,
  paginate,
  requireOrgId,
  toGlobalId,
  uuidv7,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type JobQueue,
  type Logger,
  type Mailer,
  type RequestContext,
  type SortKey,
  type Translator,
} from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { Notification } from '../notification/notification.entity.js';
import { EmailFrequency } from '../preference/preference.entities.js';
import type { AddressBook } from '../recipient/address-book.js';
import type { RecipientReaders } from '../recipient/readers.js';
import { digestWording } from '../template/defaults.js';
import { renderEmail, type RenderedEmail } from '../template/render.js';
import type { ChosenTemplate, TemplateService } from '../template/template.service.js';
import { Delivery, NotificationChannel } from './delivery.entity.js';
import type { PushProvider } from './push.js';

export const EMAIL_JOB = 'notification.email';
export const PUSH_JOB = 'notification.push';
export const HOURLY_DIGEST_JOB = 'notification.digest.hourly';
export const DAILY_DIGEST_JOB = 'notification.digest.daily';
/** Every minute: immediate deliveries still queued after a minute get their job again (see `redispatchStale`). */
export const DELIVERY_SWEEP_JOB = 'notification.delivery.sweep';
const STALE_DELIVERY_MS = 60_000;

export interface DeliveryJob {
  orgId: string;
  notificationId: string;
}

type DigestFrequency = EmailFrequency.HOURLY | EmailFrequency.DAILY;

/** Start of the period `at` falls in (UTC hours and days). */
export function periodStart(frequency: DigestFrequency, at: Date): Date {
  const start = new Date(at);
  start.setUTCMinutes(0, 0, 0);
  if (frequency === EmailFrequency.DAILY) start.setUTCHours(0);
  return start;
}

const latestFirst: SortKey[] = [
  { name: 'createdAt', path: 'delivery.createdAt', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'delivery.id', sqlType: 'uuid', direction: OrderDirection.DESC },
];

/** What a notification e-mail's template may use (`date`: when it happened, for the reader). */
export function notificationVariables(notification: Notification, reader: Translator): Record<string, unknown> {
  return {
    title: notification.title,
    body: notification.body,
    event: notification.event,
    subjectType: notification.subjectType ?? '',
    subjectId: notification.subjectId ?? '',
    actorId: notification.actorId ? toGlobalId('User', notification.actorId) : '',
    notificationId: notification.globalId,
    createdAt: notification.createdAt.toISOString(),
    date: reader.date(notification.createdAt, 'dateTime'),
  };
}

interface DigestRow {
  delivery_id: string;
  id: string;
}

/**
 * E-mail and push of notifications, each delivery row going QUEUED → SENT or FAILED once: a job
 * (or digest) locks the row, does nothing unless it is still QUEUED, and marks it in the same
 * transaction in which it hands the message over — so a redelivered job, a retry or a second
 * worker sends nothing twice. E-mail goes through the kernel's mailer (a queue with a job id per
 * message, which absorbs a repeat should a commit fail after the hand-over); push through a
 * PushProvider.
 */
export class DeliveryService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly push: PushProvider,
    private readonly templates: TemplateService,
    private readonly addresses: AddressBook,
    private readonly readers: RecipientReaders,
    private readonly logger: Logger,
  ) {}

  /**
   * Enqueues the jobs of an event's immediate deliveries still queued (also those of an earlier
   * delivery of the event whose enqueueing was lost: job ids make a repeat harmless).
   */
  async dispatch(orgId: string, eventId: string): Promise<void> {
    const pending: { notification_id: string; channel: NotificationChannel }[] = await this.db.transaction({ orgId, userId: null }, (em) =>
      em.query(
        `SELECT d.notification_id, d.channel FROM notifications.deliveries d JOIN notifications.notifications n ON n.id = d.notification_id
          WHERE n.event_id = $1 AND d.status = 'queued' AND (d.channel = 'push' OR d.frequency = 'immediate')`,
        [eventId],
      ),
    );
    for (const { notification_id: notificationId, channel } of pending) await this.enqueue(orgId, notificationId, channel);
  }

  /**
   * Enqueues again, across organizations, the immediate deliveries still queued a minute after
   * they were written: their job was lost (Redis lost its data after the event was handled) or
   * never enqueued. Job ids make a repeat harmless; `sendEmail` sends a delivery once.
   */
  async redispatchStale(): Promise<number> {
    // Every organization's, as the maintenance role (it sees only which deliveries wait, and since when).
    const stale: { org_id: string; notification_id: string; channel: NotificationChannel }[] = await this.db.maintenanceTransaction((em) =>
      em.query(
        `SELECT org_id, notification_id, channel FROM notifications.deliveries
          WHERE status = 'queued' AND (channel = 'push' OR frequency = 'immediate') AND created_at < now() - make_interval(secs => $1)`,
        [STALE_DELIVERY_MS / 1000],
      ),
    );
    for (const row of stale) await this.enqueue(row.org_id, row.notification_id, row.channel);
    return stale.length;
  }

  private async enqueue(orgId: string, notificationId: string, channel: NotificationChannel): Promise<void> {
    const job: DeliveryJob = { orgId, notificationId };
    if (channel === NotificationChannel.EMAIL) await this.jobs.enqueue(EMAIL_JOB, { ...job }, { jobId: `email-${notificationId}` });
    else await this.jobs.enqueue(PUSH_JOB, { ...job }, { jobId: `push-${notificationId}` });
  }

  /** The e-mail of one notification (job `notification.email`). */
  async sendEmail({ orgId, notificationId }: DeliveryJob): Promise<void> {
    await this.db.transaction({ orgId, userId: null }, async (em) => {
      const delivery = await this.lockQueued(em, notificationId, NotificationChannel.EMAIL);
      if (!delivery) return;
      const notification = await em.findOneBy(Notification, { id: notificationId });
      if (!notification) return;
      const address = await this.addresses.addressOf(em, delivery.recipientId);
      if (!address) {
        await this.finish(em, [delivery.id], { status: 'failed', detail: 'no address' });
        return;
      }
      const reader = await this.readers.of(orgId, delivery.recipientId);
      const { message, detail } = this.render(
        await this.templates.forEvent(em, notification.event, reader),
        this.templates.systemFor(notification.event, reader),
        notificationVariables(notification, reader),
      );
      await this.mailer.send({ to: address, ...message }, `notification-email-${notificationId}`);
      await this.finish(em, [delivery.id], { status: 'sent', address, subject: message.subject, detail });
    });
  }

  /** The push of one notification (job `notification.push`). */
  async sendPush({ orgId, notificationId }: DeliveryJob): Promise<void> {
    await this.db.transaction({ orgId, userId: null }, async (em) => {
      const delivery = await this.lockQueued(em, notificationId, NotificationChannel.PUSH);
      if (!delivery) return;
      const notification = await em.findOneBy(Notification, { id: notificationId });
      if (!notification) return;
      const data: Record<string, string> = { notificationId: notification.globalId, event: notification.event };
      if (notification.subjectId) data.subjectId = notification.subjectId;
      const { messageId } = await this.push.send({ userId: notification.recipientId, orgId, title: notification.title, body: notification.body, data });
      await this.finish(em, [delivery.id], { status: 'sent', subject: notification.title, detail: `${this.push.name}:${messageId}` });
    });
  }

  /**
   * The hourly or daily digest (scheduled jobs): one e-mail per user of every organization with
   * e-mail waiting for it, claimed once per user and period. Returns how many were sent.
   */
  async sendDigests(frequency: DigestFrequency, now = new Date()): Promise<number> {
    // Every organization's waiting e-mail, as the maintenance role (it sees only who and how often).
    const waiting: { org_id: string; recipient_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(`SELECT DISTINCT org_id, recipient_id FROM notifications.deliveries WHERE status = 'queued' AND channel = 'email' AND frequency = $1`, [
        frequency,
      ]),
    );
    const period = periodStart(frequency, now);
    let sent = 0;
    let failure: unknown;
    for (const { org_id: orgId, recipient_id: userId } of waiting) {
      try {
        if (await this.sendDigest(orgId, userId, frequency, period)) sent += 1;
      } catch (error) {
        this.logger.warn({ err: error, orgId, frequency }, 'digest failed');
        failure ??= error;
      }
    }
    if (failure) throw failure; // retried; the digests already sent are claimed
    return sent;
  }

  /** One user's digest for one period: false when there is nothing to send or it was sent. */
  async sendDigest(orgId: string, userId: string, frequency: DigestFrequency, period: Date): Promise<boolean> {
    return this.db.transaction({ orgId, userId: null }, async (em) => {
      // Locks the waiting deliveries: a concurrent digest waits, then finds them sent.
      const rows: DigestRow[] = await em.query(
        `SELECT d.id AS delivery_id, n.id FROM notifications.deliveries d JOIN notifications.notifications n ON n.id = d.notification_id
          WHERE d.recipient_id = $1 AND d.channel = 'email' AND d.status = 'queued' AND d.frequency = $2
          ORDER BY n.created_at, n.id FOR UPDATE OF d`,
        [userId, frequency],
      );
      if (!rows.length) return false;
      const digestId = uuidv7();
      if (
        !(await claimOnce(em, 'notifications.digests', {
          id: digestId,
          org_id: orgId,
          user_id: userId,
          frequency,
          period_start: period,
          notification_count: rows.length,
        }))
      )
        return false;
      const deliveries = rows.map((row) => row.delivery_id);
      const address = await this.addresses.addressOf(em, userId);
      if (!address) {
        await this.finish(em, deliveries, { status: 'failed', detail: 'no address', digestId });
        return true;
      }
      const notifications = await em.findBy(Notification, { id: In(rows.map((row) => row.id)) });
      notifications.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
      const reader = await this.readers.of(orgId, userId);
      const variables = {
        frequency,
        count: notifications.length,
        one: notifications.length === 1,
        ...digestWording(reader, frequency, notifications.length),
        notifications: notifications.map((notification) => notificationVariables(notification, reader)),
      };
      const { message, detail } = this.render(await this.templates.forDigest(em, reader), this.templates.systemDigest(reader), variables);
      await this.mailer.send({ to: address, ...message }, `digest-${frequency}-${orgId}-${userId}-${period.getTime()}`);
      await this.finish(em, deliveries, { status: 'sent', address, subject: message.subject, detail: detail ?? `in the ${frequency} digest`, digestId });
      return true;
    });
  }

  /** The organization's e-mail and push log, latest first (owners and admins). */
  async log(request: RequestContext, args: ConnectionArgs & { channel?: NotificationChannel | null }): Promise<Connection<Delivery>> {
    requireOrgId(request);
    await this.authz.require(request, 'manage', 'NotificationDelivery');
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.getRepository(Delivery).createQueryBuilder('delivery');
        if (args.channel) query.where('delivery.channel = :channel', { channel: args.channel });
        return query;
      },
      sort: latestFirst,
      args,
    });
  }

  /** Renders with the chosen template; an organization's template that fails falls back to the system's. */
  private render(chosen: ChosenTemplate, fallback: ChosenTemplate, variables: Record<string, unknown>): { message: RenderedEmail; detail: string | null } {
    try {
      return { message: renderEmail(chosen, variables), detail: null };
    } catch (error) {
      if (chosen.source !== 'organization') throw error;
      const reason = (error as Error).message.split('\n')[0]!.slice(0, 300);
      return { message: renderEmail(fallback, variables), detail: `organization template failed (${reason}); the system template was used` };
    }
  }

  private async lockQueued(em: EntityManager, notificationId: string, channel: NotificationChannel): Promise<{ id: string; recipientId: string } | null> {
    const [row]: { id: string; recipient_id: string; status: string }[] = await em.query(
      'SELECT id, recipient_id, status FROM notifications.deliveries WHERE notification_id = $1 AND channel = $2 FOR UPDATE',
      [notificationId, channel],
    );
    return row && row.status === 'queued' ? { id: row.id, recipientId: row.recipient_id } : null;
  }

  private async finish(
    em: EntityManager,
    ids: string[],
    outcome: { status: 'sent' | 'failed'; address?: string; subject?: string; detail?: string | null; digestId?: string },
  ): Promise<void> {
    await em.query(
      `UPDATE notifications.deliveries SET status = $2, address = $3, subject = $4, detail = $5, digest_id = $6, sent_at = CASE WHEN $2 = 'sent' THEN now() END WHERE id = ANY($1)`,
      [ids, outcome.status, outcome.address ?? null, outcome.subject?.slice(0, 500) ?? null, outcome.detail?.slice(0, 1000) ?? null, outcome.digestId ?? null],
    );
  }
}

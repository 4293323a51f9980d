import {
  AggregateAccess,
  OrderDirection,
  paginate,
  parseGlobalId,
  principalOrgId,
  principalUserId,
  requireOrgId,
  requireUserId,
  type Authorizer,
  type Connection,
  type Database,
  type PublishedEvent,
  type RequestContext,
  type SortKey,
} from '@cellgraph/kernel';
import { In, IsNull } from 'typeorm';
import { Notification } from './notification.entity.js';
import { markReadCountInvalid, notificationNotFound, notificationsNotFound } from './notification.errors.js';
import type { NotificationsArgs } from './notification.inputs.js';

export const MAX_MARK_READ = 100;
export const NOTIFICATION_CREATED = 'notification.created';

const latestFirst: SortKey[] = [
  { name: 'createdAt', path: 'notification.createdAt', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'notification.id', sqlType: 'uuid', direction: OrderDirection.DESC },
];

/** A notification is readable by its recipient only (and only while it is listed in-app). */
function readableByRecipient(request: RequestContext, notifications: readonly Notification[]): boolean[] {
  const userId = principalUserId(request.principal);
  return notifications.map((n) => n.inApp && n.recipientId === userId);
}

/**
 * The signed-in user's notifications in their organization: listing, unread count, marking read,
 * and what a live `notification.created` means to a subscriber. Nobody sees another's.
 */
export class NotificationService {
  /** Notifications by id, their loader and references: readable by their recipient alone (`readableByRecipient`). */
  readonly access: AggregateAccess<Notification>;

  constructor(
    private readonly db: Database,
    authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'Notification',
      entity: Notification,
      table: 'notifications.notifications',
      notFound: notificationNotFound,
      readableOf: readableByRecipient,
    });
  }

  list(request: RequestContext, args: NotificationsArgs): Promise<Connection<Notification>> {
    const userId = requireUserId(request);
    requireOrgId(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em
          .getRepository(Notification)
          .createQueryBuilder('notification')
          .where('notification.recipientId = :userId AND notification.inApp', { userId });
        if (args.unreadOnly) query.andWhere('notification.readAt IS NULL');
        return query;
      },
      sort: latestFirst,
      args,
    });
  }

  async unreadCount(request: RequestContext): Promise<number> {
    const userId = requireUserId(request);
    requireOrgId(request);
    return this.db.transaction(request, (em) => em.countBy(Notification, { recipientId: userId, inApp: true, readAt: IsNull() }));
  }

  /** Marks the caller's notifications read (those already read keep their time); all or none. */
  async markRead(request: RequestContext, globalIds: readonly string[]): Promise<Notification[]> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    if (globalIds.length === 0 || globalIds.length > MAX_MARK_READ) {
      throw markReadCountInvalid(MAX_MARK_READ);
    }
    const ids = globalIds.map((id) => {
      const decoded = parseGlobalId(id);
      return decoded?.typeName === 'Notification' ? decoded.uuid : null;
    });
    return this.db.transaction(request, async (em) => {
      const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
      const found = wanted.length
        ? await em.find(Notification, { where: { id: In(wanted), recipientId: userId, inApp: true }, lock: { mode: 'pessimistic_write' } })
        : [];
      const own = new Set(found.map((n) => n.id));
      const missing = ids.flatMap((id, index) => (id && own.has(id) ? [] : [index]));
      if (missing.length) throw notificationsNotFound(missing);
      const unread = found.filter((n) => !n.readAt).map((n) => n.id);
      if (unread.length) {
        await em.query('UPDATE notifications.notifications SET read_at = now() WHERE id = ANY($1) AND read_at IS NULL', [unread]);
        await this.db.emit(em, { type: 'notification.read', orgId, subject: null, data: { recipientId: userId, notificationIds: unread } });
      }
      const saved = await em.findBy(Notification, { id: In(wanted) });
      const byId = new Map(saved.map((n) => [n.id, n]));
      return wanted.map((id) => byId.get(id)!);
    });
  }

  /** Marks every unread notification of the caller read; returns how many. */
  async markAllRead(request: RequestContext): Promise<number> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    return this.db.transaction(request, async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt: () => 'now()' })
        .where('recipient_id = :userId AND in_app AND read_at IS NULL', { userId })
        .execute();
      const count = result.affected ?? 0;
      if (count) await this.db.emit(em, { type: 'notification.read_all', orgId, subject: null, data: { recipientId: userId, count } });
      return count;
    });
  }

  /**
   * What a live event means to a subscriber of `notificationReceived`: the notification when the
   * event announces one addressed to the caller in the caller's organization, else null.
   */
  async received(request: RequestContext, event: PublishedEvent): Promise<Notification | null> {
    const userId = principalUserId(request.principal);
    if (event.type !== NOTIFICATION_CREATED || event.subject?.type !== 'Notification' || !userId) return null;
    if (!event.orgId || event.orgId !== principalOrgId(request.principal) || event.data.recipientId !== userId) return null;
    const [notification] = await this.access.byIds(request, [event.subject.id]);
    return notification && (await this.access.readableOf(request, [notification]))[0] ? notification : null;
  }
}

import {
  OrderDirection,
  paginate,
  paginateSource,
  requireOrgId,
  requireUserId,
  type Connection,
  type ConnectionArgs,
  type Database,
  type PublishedEvent,
  type RequestContext,
  type SortKey,
} from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Comment } from '../comment/comment.entity.js';
import { Activity } from './activity.entity.js';

export type ActivityItem = Activity | Comment;

const latestFirst: SortKey[] = [
  { name: 'occurredAt', path: 'activity.occurredAt', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'activity.eventId', sqlType: 'uuid', direction: OrderDirection.DESC },
];
const itemsLatestFirst: SortKey[] = [
  { name: 'occurredAt', path: 'at', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'id', sqlType: 'uuid', direction: OrderDirection.DESC },
];

/** The events of every module about one object, minus comment events (the comments themselves are listed). */
const ITEMS_SQL = `
  SELECT 'event' AS kind, event_id AS id, occurred_at AS at FROM collaboration.activities WHERE node_id = :nodeUuid AND type NOT LIKE 'comment.%'
  UNION ALL
  SELECT 'comment', id, created_at FROM collaboration.comments WHERE node_id = :nodeUuid`;

/**
 * Activity: every module's events about objects (consumed from their outboxes, at least once,
 * keyed by event id), merged with comments per object, and per person ("my activity").
 */
export class ActivityService {
  constructor(private readonly db: Database) {}

  /** Records an event about an object (a redelivery changes nothing). */
  async record(event: PublishedEvent): Promise<void> {
    const { subject, orgId } = event;
    if (!subject || !orgId) return;
    await this.db.transaction({ orgId, userId: null }, (em) =>
      em.query(
        `INSERT INTO collaboration.activities (event_id, org_id, node_type, node_id, type, actor_id, actor_api_key_id, actor_api_key_name, data, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [
          event.id,
          orgId,
          subject.type,
          subject.id,
          event.type,
          event.actorId,
          event.actorApiKey?.id ?? null,
          event.actorApiKey?.name ?? null,
          JSON.stringify(event.data ?? {}),
          event.occurredAt,
        ],
      ),
    );
  }

  /** What the caller did, latest first. */
  mine(request: RequestContext, args: ConnectionArgs): Promise<Connection<Activity>> {
    requireOrgId(request);
    const userId = requireUserId(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(Activity, 'activity').where('activity.actorId = :userId', { userId }),
      sort: latestFirst,
      args,
    });
  }

  /** An object's events and comments, latest first, keyset-paged over (time, id). */
  ofNode(request: RequestContext, nodeUuid: string, args: ConnectionArgs): Promise<Connection<ActivityItem>> {
    return paginateSource<{ kind: 'event' | 'comment'; id: string }, ActivityItem>({
      db: this.db,
      scope: request,
      source: { sql: ITEMS_SQL, params: { nodeUuid } },
      sort: itemsLatestFirst,
      args,
      load: async (em, items) => {
        const events = await em.findBy(Activity, { eventId: In(items.filter((i) => i.kind === 'event').map((i) => i.id)) });
        const comments = await em.findBy(Comment, { id: In(items.filter((i) => i.kind === 'comment').map((i) => i.id)) });
        const byId = new Map<string, ActivityItem>([
          ...events.map((e): [string, ActivityItem] => [e.eventId, e]),
          ...comments.map((c): [string, ActivityItem] => [c.id, c]),
        ]);
        return items.map((item) => byId.get(item.id));
      },
    });
  }
}

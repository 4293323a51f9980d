import {
  OrderDirection,
  paginate,
  paginateSourceGroups,
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

/** The events of every module about some objects (`grp`: the object), minus comment events (the comments themselves are listed). */
const ITEMS_SQL = `
  SELECT 'event' AS kind, event_id AS id, occurred_at AS at, node_id AS grp FROM collaboration.activities
   WHERE node_id IN (:...groups) AND type NOT LIKE 'comment.%'
  UNION ALL
  SELECT 'comment', id, created_at, node_id FROM collaboration.comments WHERE node_id IN (:...groups)`;

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

  /** Each object's events and comments, latest first, keyset-paged over (time, id): one page per object, all in one statement. */
  ofNodes(request: RequestContext, nodeUuids: readonly string[], args: ConnectionArgs): Promise<Connection<ActivityItem>[]> {
    return paginateSourceGroups<{ kind: 'event' | 'comment'; id: string }, ActivityItem>(
      {
        db: this.db,
        scope: request,
        source: { sql: ITEMS_SQL, params: {} },
        sort: itemsLatestFirst,
        args,
        load: async (em, items) => {
          const ids = (kind: 'event' | 'comment') => items.filter((item) => item.kind === kind).map((item) => item.id);
          const [events, comments] = [ids('event'), ids('comment')];
          const byId = new Map<string, ActivityItem>([
            ...(events.length ? await em.findBy(Activity, { eventId: In(events) }) : []).map((e): [string, ActivityItem] => [e.eventId, e]),
            ...(comments.length ? await em.findBy(Comment, { id: In(comments) }) : []).map((c): [string, ActivityItem] => [c.id, c]),
          ]);
          return items.map((item) => byId.get(item.id));
        },
      },
      nodeUuids,
    );
  }
}

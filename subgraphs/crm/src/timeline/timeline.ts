import { OrderDirection, paginateSource, type Connection, type ConnectionArgs, type Database, type SortKey, type WorkScope } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Interaction } from '../interaction/interaction.entity.js';
import { ContactActivity, type TimelineItem } from './timeline.inputs.js';

interface ItemRow extends Record<string, unknown> {
  kind: 'interaction' | 'activity';
  id: string;
}

const latestFirst: SortKey[] = [
  { name: 'occurredAt', path: 'occurred_at', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'id', sqlType: 'uuid', direction: OrderDirection.DESC },
];

/** Interactions and the events about the contacts (their own and their deals'), minus the events of the interactions themselves. */
const ITEMS_SQL = `
  SELECT 'interaction' AS kind, i.id, i.occurred_at FROM crm.interactions i
   WHERE i.contact_id = ANY(:contactIds) AND i.deleted_at IS NULL
  UNION ALL
  SELECT 'activity', o.id, o.occurred_at FROM crm.outbox o
   WHERE (o.data ->> 'contactId') = ANY(CAST(:contactIds AS text[])) AND o.type NOT LIKE 'interaction.%'`;

/**
 * A contact's timeline: its interactions merged with its activity, latest first, paged by keyset
 * over (occurred at, id). `contactIds` holds the contact and those merged into it.
 */
export function contactTimeline(db: Database, scope: WorkScope, contactIds: string[], args: ConnectionArgs): Promise<Connection<TimelineItem>> {
  return paginateSource<ItemRow, TimelineItem>({
    db,
    scope,
    source: { sql: ITEMS_SQL, params: { contactIds } },
    sort: latestFirst,
    args,
    load: async (em, items) => {
      const interactions = await em.findBy(Interaction, { id: In(items.filter((i) => i.kind === 'interaction').map((i) => i.id)) });
      const eventIds = items.filter((i) => i.kind === 'activity').map((i) => i.id);
      const events: {
        id: string;
        type: string;
        actor_id: string | null;
        subject_type: string | null;
        subject_id: string | null;
        data: Record<string, unknown>;
        occurred_at: Date;
      }[] = eventIds.length
        ? await em.query('SELECT id, type, actor_id, subject_type, subject_id, data, occurred_at FROM crm.outbox WHERE id = ANY($1)', [eventIds])
        : [];
      const byId = new Map<string, TimelineItem>([
        ...interactions.map((i): [string, TimelineItem] => [i.id, i]),
        ...events.map((e): [string, TimelineItem] => [
          e.id,
          Object.assign(new ContactActivity(), {
            eventId: e.id,
            event: e.type,
            actorId: e.actor_id,
            subjectType: e.subject_type,
            subjectUuid: e.subject_id,
            data: e.data,
            occurredAt: e.occurred_at,
          }),
        ]),
      ]);
      return items.map((item) => byId.get(item.id));
    },
  });
}

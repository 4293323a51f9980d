import { OrderDirection, paginateSourceGroups, type Connection, type ConnectionArgs, type Database, type SortKey, type WorkScope } from '@cellgraph/kernel';
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

/**
 * Per contact asked for (`grp`): its interactions and the events about it (its own and its deals'),
 * minus the events of the interactions themselves — with those of every contact merged into it,
 * directly or in a chain.
 */
const ITEMS_SQL = `
  WITH RECURSIVE merged(grp, contact_id) AS (
    SELECT id, id FROM unnest(CAST(:groups AS uuid[])) AS asked(id)
    UNION
    SELECT m.grp, c.id FROM crm.contacts c JOIN merged m ON c.merged_into_id = m.contact_id
  )
  SELECT 'interaction' AS kind, i.id, i.occurred_at, m.grp FROM crm.interactions i
    JOIN merged m ON i.contact_id = m.contact_id
   WHERE i.deleted_at IS NULL
  UNION ALL
  SELECT 'activity', o.id, o.occurred_at, m.grp FROM crm.outbox o
    JOIN merged m ON (o.data ->> 'contactId') = CAST(m.contact_id AS text)
   WHERE o.type NOT LIKE 'interaction.%'`;

/**
 * Contacts' timelines: each one's interactions merged with its activity, latest first, paged by
 * keyset over (occurred at, id); one page per contact, every page in one statement.
 */
export function contactTimelines(db: Database, scope: WorkScope, contactIds: readonly string[], args: ConnectionArgs): Promise<Connection<TimelineItem>[]> {
  return paginateSourceGroups<ItemRow, TimelineItem>(
    {
      db,
      scope,
      source: { sql: ITEMS_SQL, params: {} },
      sort: latestFirst,
      args,
      load: async (em, items) => {
        const interactionIds = items.filter((i) => i.kind === 'interaction').map((i) => i.id);
        const interactions = interactionIds.length ? await em.findBy(Interaction, { id: In(interactionIds) }) : [];
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
    },
    contactIds,
  );
}

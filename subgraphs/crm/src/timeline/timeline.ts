import {
  ConnectionArgs,
  OrderDirection,
  PageInfo,
  paginateSource,
  toGlobalId,
  type Connection,
  type Database,
  type SortKey,
} from '@cellgraph/kernel';
import { GraphQLDateTimeISO, GraphQLJSONObject } from '@cellgraph/kernel';
import { createUnionType, Field, ID, Int, ObjectType } from 'type-graphql';
import { In } from 'typeorm';
import { Interaction } from '../interaction/interaction.entity.js';

/** Something that happened to a contact or one of its deals, as the CRM's events record it. */
@ObjectType('ContactActivity', { description: 'Something that happened to a contact or its deals (created, converted, deal won…).' })
export class ContactActivity {
  eventId!: string;
  actorId!: string | null;
  subjectType!: string | null;
  subjectUuid!: string | null;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('ContactActivity', this.eventId);
  }

  @Field({ description: 'What happened: the event type, e.g. contact.converted, deal.moved.' }) event!: string;
  @Field(() => GraphQLDateTimeISO) occurredAt!: Date;
  @Field(() => GraphQLJSONObject, { description: 'What changed: the event’s data (fields before and after, …).' }) data!: Record<string, unknown>;

  @Field(() => ID, { nullable: true, description: 'Global id of what the event is about (the contact, a deal…).' })
  get subjectId(): string | null {
    return this.subjectType && this.subjectUuid ? toGlobalId(this.subjectType, this.subjectUuid) : null;
  }
}

export const ContactTimelineItem = createUnionType({
  name: 'ContactTimelineItem',
  description: 'An interaction or an activity on a contact’s timeline.',
  types: () => [Interaction, ContactActivity] as const,
  resolveType: (item) => (item instanceof Interaction ? Interaction : ContactActivity),
});
type TimelineItem = Interaction | ContactActivity;

@ObjectType()
class ContactTimelineEdge {
  @Field() cursor!: string;
  @Field(() => ContactTimelineItem) node!: TimelineItem;
}

@ObjectType({ description: 'A page of a contact’s timeline, latest first.' })
export class ContactTimelineConnection {
  @Field(() => [ContactTimelineEdge]) edges!: ContactTimelineEdge[];
  @Field(() => [ContactTimelineItem]) nodes!: TimelineItem[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: Promise<number> | number;
}

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
export function contactTimeline(db: Database, contactIds: string[], args: ConnectionArgs): Promise<Connection<TimelineItem>> {
  return paginateSource<ItemRow, TimelineItem>({
    db,
    source: { sql: ITEMS_SQL, params: { contactIds } },
    sort: latestFirst,
    args,
    load: async (em, items) => {
      const interactions = await em.findBy(Interaction, { id: In(items.filter((i) => i.kind === 'interaction').map((i) => i.id)) });
      const eventIds = items.filter((i) => i.kind === 'activity').map((i) => i.id);
      const events: { id: string; type: string; actor_id: string | null; subject_type: string | null; subject_id: string | null; data: Record<string, unknown>; occurred_at: Date }[] = eventIds.length
        ? await em.query('SELECT id, type, actor_id, subject_type, subject_id, data, occurred_at FROM crm.outbox WHERE id = ANY($1)', [eventIds])
        : [];
      const byId = new Map<string, TimelineItem>([
        ...interactions.map((i): [string, TimelineItem] => [i.id, i]),
        ...events.map((e): [string, TimelineItem] => [
          e.id,
          Object.assign(new ContactActivity(), { eventId: e.id, event: e.type, actorId: e.actor_id, subjectType: e.subject_type, subjectUuid: e.subject_id, data: e.data, occurredAt: e.occurred_at }),
        ]),
      ]);
      return items.map((item) => byId.get(item.id));
    },
  });
}

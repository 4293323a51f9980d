import { PageInfo, toGlobalId } from '@cellgraph/kernel';
import { GraphQLDateTimeISO, GraphQLJSONObject } from '@cellgraph/kernel';
import { createUnionType, Field, ID, Int, ObjectType } from 'type-graphql';
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
export type TimelineItem = Interaction | ContactActivity;

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

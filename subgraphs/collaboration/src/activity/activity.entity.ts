import { GraphQLDateTimeISO, GraphQLJSONObject, toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { NodeRef } from '../node/node.ref.js';

@ObjectType('ActivityApiKey', { description: 'The API key through which something was done, on behalf of the user who created it.' })
export class ActivityApiKey {
  @Field(() => ID, { description: 'The global id of the ApiKey.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'Its name when it acted.' }) name!: string | null;
}

/** Something that happened to an object, as the module that owns it reported it (an event). */
@Entity({ name: 'activities' })
@ObjectType('ActivityEvent', { description: 'Something that happened to an object: created, assigned, status changed, converted, linked, tagged…' })
@Directive('@key(fields: "id")')
export class Activity {
  @PrimaryColumn('uuid') eventId!: string;
  @Column('uuid') orgId!: string;
  @Column('text') nodeType!: string;
  @Column('uuid') nodeId!: string;
  @Field({ description: 'What happened: the event type, e.g. task.status_changed, contact.converted.' }) @Column('text', { name: 'type' }) event!: string;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('uuid', { nullable: true }) actorApiKeyId!: string | null;
  @Column('text', { nullable: true }) actorApiKeyName!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'The event’s data: the changed fields before and after, and more.' }) @Column('jsonb') data!: Record<
    string,
    unknown
  >;
  @Field(() => GraphQLDateTimeISO) @Column('timestamptz') occurredAt!: Date;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('ActivityEvent', this.eventId);
  }

  @Field(() => NodeRef, { nullable: true, description: 'The object it happened to (null, with an error, when you may not see it).' })
  get node(): NodeRef {
    return NodeRef.of(this.nodeType, this.nodeId);
  }

  @Field(() => ActivityApiKey, {
    nullable: true,
    description: 'The API key that did it, on behalf of `actor` (its creator); null when a person did it directly.',
  })
  get apiKey(): ActivityApiKey | null {
    return this.actorApiKeyId ? { id: toGlobalId('ApiKey', this.actorApiKeyId), name: this.actorApiKeyName } : null;
  }

  /** For the node subgraph, which turns it into `actor: User` (null for the system). */
  @Field(() => ID, { name: 'actorId', nullable: true })
  @Directive('@inaccessible')
  get actorRef(): string | null {
    return this.actorId ? toGlobalId('User', this.actorId) : null;
  }
}

import { GraphQLDateTimeISO, NodeEntity, toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';

@Entity({ name: 'notifications' })
@ObjectType('Notification', { description: 'Something that happened which concerns you, addressed to you alone.' })
@Directive('@key(fields: "id")')
export class Notification extends NodeEntity('Notification') {
  @Column('uuid') orgId!: string;
  @Column('uuid') recipientId!: string;
  @Column('uuid') eventId!: string;

  @Field({ description: 'The event it comes from, e.g. task.assigned, user.mentioned.' })
  @Column('text', { name: 'event_type' })
  event!: string;

  @Field({ description: 'What happened, in one line.' }) @Column('text') title!: string;
  @Field({ description: 'More about it (may be empty).' }) @Column('text') body!: string;

  @Field(() => String, { nullable: true, description: 'Type of the object it is about, e.g. Task, Deal.' })
  @Column('text', { nullable: true })
  subjectType!: string | null;

  /** The uuid of the object it is about (exposed as a global id). */
  @Column('uuid', { name: 'subject_id', nullable: true }) subjectUuid!: string | null;

  @Column('uuid', { nullable: true }) actorId!: string | null;
  /** False: kept only for its e-mail or push (the recipient turned in-app off for this event). */
  @Column('boolean') inApp!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When you read it (null: unread).' })
  @Column('timestamptz', { nullable: true })
  readAt!: Date | null;

  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Global id of the object it is about (fetch it with node(id:)).' })
  get subjectId(): string | null {
    return this.subjectType && this.subjectUuid ? toGlobalId(this.subjectType, this.subjectUuid) : null;
  }
}

import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'email_templates' })
@ObjectType('NotificationTemplate', {
  description: 'Your organization’s e-mail template for an event type, a prefix (task.*), * or the digest; it replaces the system’s.',
})
export class EmailTemplate extends NodeEntity('NotificationTemplate') {
  @Column('uuid') orgId!: string;

  @Field({ description: 'An event type, a prefix (task.*), * or digest.' })
  @Column('text', { name: 'event_type' })
  event!: string;

  @Field({ description: 'Handlebars source of the subject.' }) @Column('text') subject!: string;
  @Field({ description: 'Handlebars source of the HTML body (values are HTML-escaped).' }) @Column('text') html!: string;
  @Field({ description: 'Handlebars source of the text body.' }) @Column('text') text!: string;

  @Column('uuid', { nullable: true }) updatedBy!: string | null;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'webhook_endpoints' })
@ObjectType('WebhookEndpoint', { description: 'An HTTPS URL of an organization subscribed to event types: each matching event is POSTed to it, signed.' })
@Directive('@key(fields: "id")')
export class WebhookEndpoint extends NodeEntity('WebhookEndpoint') {
  @Column('uuid')
  orgId!: string;

  @Field({ description: 'Where events are POSTed.' })
  @Column('text')
  url!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => [String], { description: 'Event types, `<prefix>.*` patterns or `*` (see webhookEventTypes).' })
  @Column('text', { array: true })
  eventTypes!: string[];

  @Field({ description: 'Whether events are delivered to it (the cell disables an endpoint that keeps failing).' })
  @Column('boolean')
  enabled!: boolean;

  /** The signing secret, sealed (SecretBox); shown once, on create and rotation. */
  @Column('text')
  secretSealed!: string;

  @Column('text', { nullable: true })
  previousSecretSealed!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Until when the previous secret also signs deliveries (after a rotation).' })
  @Column('timestamptz', { nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Field(() => Int, { description: 'Deliveries in a row that failed for good (every attempt); reset by a successful one.' })
  @Column('integer')
  consecutiveFailures!: number;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the cell disabled it after too many failed deliveries.' })
  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}

import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';

export enum WebhookDeliveryState {
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'PENDING: not yet answered with a 2xx (an attempt is due or a retry is scheduled); SUCCEEDED; FAILED: every attempt failed.',
});

@Entity({ name: 'webhook_delivery_attempts' })
@ObjectType('WebhookDeliveryAttempt', { description: 'One POST of a delivery and its outcome.' })
export class WebhookDeliveryAttempt {
  @Column('uuid', { primary: true })
  id!: string;

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  deliveryId!: string;

  @Field(() => Int, { description: '1 for the first attempt.' })
  @Column('integer')
  number!: number;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz')
  startedAt!: Date;

  @Field(() => Int)
  @Column('integer')
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none was (timeout, connection refused, refused URL).' })
  @Column('integer', { nullable: true })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The first 2 KB of the response body.' })
  @Column('text', { nullable: true })
  responseBodyExcerpt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why no response counted: a timeout, a network error, a refused URL.' })
  @Column('text', { nullable: true })
  error!: string | null;

  @Field()
  @Column('boolean')
  succeeded!: boolean;
}

@Entity({ name: 'webhook_deliveries' })
@ObjectType('WebhookDelivery', { description: 'One event sent to one endpoint: the request, its attempts and its state.' })
export class WebhookDelivery extends NodeEntity('WebhookDelivery') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  endpointId!: string;

  @Field({ description: 'The event’s id (`Cellgraph-Event-Id`): the same for a redelivery; receivers dedupe by it.' })
  @Column('uuid')
  eventId!: string;

  @Field()
  @Column('text')
  eventType!: string;

  @Column('text', { nullable: true })
  subjectKey!: string | null;

  @Field({ description: 'The JSON body POSTed.' })
  @Column('text')
  requestBody!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The headers of the latest attempt.' })
  @Column('jsonb', { nullable: true })
  requestHeaders!: Record<string, string> | null;

  @Field(() => WebhookDeliveryState)
  @Column('text')
  state!: WebhookDeliveryState;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column('integer')
  attemptCount!: number;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the next attempt is due (pending deliveries).' })
  @Column('timestamptz', { nullable: true })
  nextAttemptAt!: Date | null;

  /** The earlier pending delivery of the same object this one waits for (in order per object), if any. */
  @Column('uuid', { nullable: true })
  waitingFor!: string | null;

  @Column('text', { nullable: true })
  claimedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  claimedUntil!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The latest attempt’s HTTP status.' })
  @Column('integer', { nullable: true })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The first 2 KB of the latest response body.' })
  @Column('text', { nullable: true })
  responseBodyExcerpt!: string | null;

  @Field(() => Int, { nullable: true, description: 'The latest attempt’s duration.' })
  @Column('integer', { nullable: true })
  durationMs!: number | null;

  @Field(() => String, { nullable: true, description: 'The latest attempt’s error, if it got no response.' })
  @Column('text', { nullable: true })
  error!: string | null;

  @Column('uuid', { nullable: true })
  redeliveryOf!: string | null;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}

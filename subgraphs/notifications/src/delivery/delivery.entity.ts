import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';
import { EmailFrequency } from '../preference/preference.entities.js';

export enum NotificationChannel {
  EMAIL = 'email',
  PUSH = 'push',
}
registerEnumType(NotificationChannel, { name: 'NotificationChannel', description: 'Channels beside the in-app list.' });

export enum DeliveryStatus {
  QUEUED = 'queued',
  SENT = 'sent',
  FAILED = 'failed',
}
registerEnumType(DeliveryStatus, {
  name: 'NotificationDeliveryStatus',
  valuesConfig: {
    QUEUED: { description: 'Waiting for its job, or for the recipient’s digest.' },
    SENT: { description: 'Handed to the e-mail or push provider.' },
    FAILED: { description: 'Not sent; `detail` says why (e.g. no address).' },
  },
});

@Entity({ name: 'deliveries' })
@ObjectType('NotificationDelivery', { description: 'One notification sent (or to send) by e-mail or push: the e-mail log.' })
export class Delivery extends NodeEntity('NotificationDelivery') {
  @Column('uuid') orgId!: string;
  @Column('uuid') notificationId!: string;
  @Column('uuid') recipientId!: string;

  @Field(() => NotificationChannel) @Column('text') channel!: NotificationChannel;
  @Field(() => EmailFrequency, { description: 'IMMEDIATE, or the digest it waits for.' }) @Column('text') frequency!: EmailFrequency;
  @Field(() => DeliveryStatus) @Column('text') status!: DeliveryStatus;

  @Field(() => String, { name: 'to', nullable: true, description: 'The address it was sent to (e-mail).' })
  @Column('text', { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'The e-mail’s subject, or the push’s title.' }) @Column('text', { nullable: true }) subject!:
    string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed, or how it was sent (e.g. in the daily digest).' })
  @Column('text', { nullable: true })
  detail!: string | null;
  @Column('uuid', { nullable: true }) digestId!: string | null;

  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
}

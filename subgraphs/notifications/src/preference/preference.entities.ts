import { GraphQLDateTimeISO } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'preferences' })
@ObjectType('NotificationPreference', { description: 'Your channels for an event type, a prefix (task.*) or every event (*); the most specific one applies.' })
export class Preference {
  @PrimaryColumn('uuid') orgId!: string;
  @PrimaryColumn('uuid') userId!: string;

  @Field({ name: 'event', description: 'An event type (task.assigned), a prefix (task.*) or * for every event.' })
  @PrimaryColumn('text')
  eventPattern!: string;

  @Field({ description: 'Listed in notifications (and announced live).' }) @Column('boolean') inApp!: boolean;
  @Field({ description: 'Sent by e-mail (now, or in your digest).' }) @Column('boolean') email!: boolean;
  @Field({ description: 'Sent as a push notification.' }) @Column('boolean') push!: boolean;
  @Field({ description: 'Nothing at all, whatever the channels say.' }) @Column('boolean') muted!: boolean;
  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

export enum EmailFrequency {
  IMMEDIATE = 'immediate',
  HOURLY = 'hourly',
  DAILY = 'daily',
}
registerEnumType(EmailFrequency, {
  name: 'EmailFrequency',
  description: 'When notification e-mail goes out: one per notification, or one digest an hour or a day.',
});

@Entity({ name: 'settings' })
@ObjectType('NotificationSettings', { description: 'Your notification settings in this organization.' })
export class NotificationSettings {
  @PrimaryColumn('uuid') orgId!: string;
  @PrimaryColumn('uuid') userId!: string;

  @Field(() => EmailFrequency) @Column('text') emailFrequency!: EmailFrequency;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date | null;
}

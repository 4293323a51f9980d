import { UserError } from '@cellgraph/kernel';
import { Field, InputType, ObjectType } from 'type-graphql';
import { EmailFrequency, NotificationSettings, Preference } from './preference.entities.js';

@InputType({
  description: 'Channels for an event type, a prefix or *; fields left out keep their current value (new: in-app and e-mail on, push off, not muted).',
})
export class NotificationPreferenceSetInput {
  @Field({ description: 'An event type (task.assigned), a prefix (task.*) or * for every event.' }) event!: string;
  @Field(() => Boolean, { nullable: true }) inApp?: boolean | null;
  @Field(() => Boolean, { nullable: true }) email?: boolean | null;
  @Field(() => Boolean, { nullable: true }) push?: boolean | null;
  @Field(() => Boolean, { nullable: true }) muted?: boolean | null;
}

@InputType()
export class NotificationPreferenceDeleteInput {
  @Field({ description: 'The event type, prefix or * of the preference to remove.' }) event!: string;
}

@InputType()
export class NotificationSettingsUpdateInput {
  @Field(() => EmailFrequency, { nullable: true }) emailFrequency?: EmailFrequency | null;
}

@ObjectType()
export class NotificationPreferencePayload {
  @Field(() => Preference, { nullable: true }) preference?: Preference;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class NotificationPreferenceDeletePayload {
  @Field(() => String, { nullable: true, description: 'The event type, prefix or * whose preference was removed.' }) deletedEvent?: string;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class NotificationSettingsPayload {
  @Field(() => NotificationSettings, { nullable: true }) settings?: NotificationSettings;
  @Field(() => [UserError]) userErrors!: UserError[];
}

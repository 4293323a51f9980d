import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationsServices } from '../services.js';
import { NotificationSettings, Preference } from './preference.entities.js';
import {
  NotificationPreferenceDeleteInput,
  NotificationPreferenceDeletePayload,
  NotificationPreferencePayload,
  NotificationPreferenceSetInput,
  NotificationSettingsPayload,
  NotificationSettingsUpdateInput,
} from './preference.inputs.js';

type Context = SubgraphContext<NotificationsServices>;

@Resolver(() => Preference)
export class PreferenceResolver {
  constructor(private readonly services: NotificationsServices) {}

  @Query(() => [Preference], { nullable: true, description: 'Your notification preferences (events without one: in-app and e-mail, no push).' })
  notificationPreferences(@Ctx() context: Context): Promise<Preference[]> {
    return this.services.preferences.list(context.request);
  }

  @Query(() => NotificationSettings, { nullable: true, description: 'Your notification settings (e-mail frequency).' })
  notificationSettings(@Ctx() context: Context): Promise<NotificationSettings> {
    return this.services.preferences.settings(context.request);
  }

  @Mutation(() => NotificationPreferencePayload, {
    nullable: true,
    description: 'Choose your channels for an event type, a prefix (task.*) or every event (*).',
  })
  notificationPreferenceSet(
    @Arg('input', () => NotificationPreferenceSetInput) input: NotificationPreferenceSetInput,
    @Ctx() context: Context,
  ): Promise<NotificationPreferencePayload> {
    return mutationPayload(async () => ({ preference: await this.services.preferences.set(context.request, input) }));
  }

  @Mutation(() => NotificationPreferenceDeletePayload, {
    nullable: true,
    description: 'Remove a preference: a less specific one (or the default) applies again.',
  })
  notificationPreferenceDelete(
    @Arg('input', () => NotificationPreferenceDeleteInput) input: NotificationPreferenceDeleteInput,
    @Ctx() context: Context,
  ): Promise<NotificationPreferenceDeletePayload> {
    return mutationPayload(async () => ({ deletedEvent: await this.services.preferences.delete(context.request, input.event) }));
  }

  @Mutation(() => NotificationSettingsPayload, { nullable: true })
  notificationSettingsUpdate(
    @Arg('input', () => NotificationSettingsUpdateInput) input: NotificationSettingsUpdateInput,
    @Ctx() context: Context,
  ): Promise<NotificationSettingsPayload> {
    return mutationPayload(async () => ({ settings: await this.services.preferences.updateSettings(context.request, input) }));
  }
}

import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { NotificationsServices } from '../services.js';
import { EmailTemplate } from './template.entity.js';
import {
  NotificationTemplateDeleteInput,
  NotificationTemplateDeletePayload,
  NotificationTemplatePayload,
  NotificationTemplateSetInput,
} from './template.inputs.js';

type Context = SubgraphContext<NotificationsServices>;

@Resolver(() => EmailTemplate)
export class TemplateResolver {
  constructor(private readonly services: NotificationsServices) {}

  @Query(() => [EmailTemplate], { nullable: true, description: 'Your organization’s e-mail templates (owners and admins).' })
  notificationTemplates(@Ctx() context: Context): Promise<EmailTemplate[]> {
    return this.services.templates.list(context.request);
  }

  @Mutation(() => NotificationTemplatePayload, {
    nullable: true,
    description: 'Set your organization’s e-mail template for an event type, prefix, * or the digest (owners and admins).',
  })
  notificationTemplateSet(
    @Arg('input', () => NotificationTemplateSetInput) input: NotificationTemplateSetInput,
    @Ctx() context: Context,
  ): Promise<NotificationTemplatePayload> {
    return mutationPayload(async () => ({ template: await this.services.templates.set(context.request, input) }));
  }

  @Mutation(() => NotificationTemplateDeletePayload, {
    nullable: true,
    description: 'Remove a template of your organization: the system’s applies again (owners and admins).',
  })
  notificationTemplateDelete(
    @Arg('input', () => NotificationTemplateDeleteInput) input: NotificationTemplateDeleteInput,
    @Ctx() context: Context,
  ): Promise<NotificationTemplateDeletePayload> {
    return mutationPayload(async () => ({ deletedEvent: await this.services.templates.delete(context.request, input.event) }));
  }
}

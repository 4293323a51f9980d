import { GraphQLJSONObject, requireOrgId, type SubgraphContext } from '@cellgraph/kernel';
import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { WebhooksServices } from '../services.js';

@ObjectType('WebhookEventType', { description: 'An event type of the cell that webhooks can subscribe to.' })
export class WebhookEventType {
  @Field({ description: 'e.g. `task.created`.' })
  type!: string;

  @Field({ description: 'The module that emits it.' })
  module!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'JSON Schema of the event’s data (the `data.object` of a delivery, without id and type).' })
  schema!: Record<string, unknown>;
}

@Resolver()
export class WebhookEventTypeResolver {
  constructor(private readonly services: WebhooksServices) {}

  @Query(() => [WebhookEventType], { description: 'Every event type webhooks can deliver in this cell, with its payload’s JSON Schema (owners and admins).' })
  async webhookEventTypes(@Ctx() context: Context): Promise<WebhookEventType[]> {
    requireOrgId(context.request);
    await this.services.webhookEndpoints.requireManage(context.request);
    return this.services.catalog.entries.map((entry) => Object.assign(new WebhookEventType(), entry));
  }
}

type Context = SubgraphContext<WebhooksServices>;

import { mutationPayload, toGlobalId, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { WebhooksServices } from '../services.js';
import { WebhookDeliveryPayload, WebhookDeliveryRedeliverInput } from '../webhook-endpoint/webhook-endpoint.inputs.js';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryState } from './delivery.entity.js';

type Context = SubgraphContext<WebhooksServices>;

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  constructor(private readonly services: WebhooksServices) {}

  @Mutation(() => WebhookDeliveryPayload, { nullable: true, description: 'Send a delivery’s event again (a new delivery with the same event id).' })
  webhookDeliveryRedeliver(@Arg('input', () => WebhookDeliveryRedeliverInput) input: { id: string }, @Ctx() context: Context): Promise<WebhookDeliveryPayload> {
    return mutationPayload(async () => ({ delivery: await this.services.deliveries.redeliver(context.request, input.id) }));
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Its attempts, first first.' })
  attempts(@Root() delivery: WebhookDelivery, @Ctx() context: Context): Promise<WebhookDeliveryAttempt[]> {
    return context.loaders
      .get('webhookDeliveryAttempts', (ids: readonly string[]) => this.services.deliveries.attemptsOf(context.request, ids))
      .load(delivery.id);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'The earlier delivery of the same object it waits for (deliveries of one object go out in order), if it waits.',
  })
  waitingFor(@Root() delivery: WebhookDelivery): string | null {
    return delivery.waitingFor && delivery.state === WebhookDeliveryState.PENDING ? toGlobalId('WebhookDelivery', delivery.waitingFor) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is a redelivery of an earlier delivery.' })
  redelivery(@Root() delivery: WebhookDelivery): boolean {
    return delivery.redeliveryOf !== null;
  }
}
